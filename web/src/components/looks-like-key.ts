/**
 * The search field's test for text that Enter may pick as typed (NodePicker.tsx): a node key —
 * an ARN, `*`, an account id, a service principal or `service:` key, an Identity Center key.
 * Pure.
 */

/** Whether text typed into the field is a node key that Enter may pick as is. */
export function looksLikeKey(text: string): boolean {
  return (
    text === '*' ||
    /^arn:/.test(text) ||
    /^\d{12}$/.test(text) ||
    /^sso:/.test(text) ||
    /^service:/.test(text) ||
    /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(text)
  );
}
