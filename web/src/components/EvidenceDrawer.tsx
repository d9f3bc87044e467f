/**
 * Evidence in a wide drawer over the graph (the tool panels are narrow): the statements of one
 * hop of a path, readable without breaking words. Escape or the close button closes it; Escape
 * here does not also close the side panel.
 */
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import type { Evidence } from '../../../shared/graph/types.js';
import { EvidenceList } from './EvidenceList.js';

export interface EvidenceDrawerProps {
  title: string;
  evidence: readonly Evidence[];
  /** The hop the evidence is about (its statements can then be shown as written). */
  hop?: { source: string; target: string };
  onClose: () => void;
}

export function EvidenceDrawer({ title, evidence, hop, onClose }: EvidenceDrawerProps) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onClose();
    };
    // Capture phase: before the side panel's own Escape.
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
    };
  }, [onClose]);
  return createPortal(
    <aside
      className="evidence-drawer"
      data-testid="evidence-drawer"
      aria-label={`Evidence: ${title}`}
    >
      <header>
        <h2>{title}</h2>
        <button type="button" className="close" aria-label="Close evidence" onClick={onClose}>
          ×
        </button>
      </header>
      <EvidenceList evidence={evidence} {...(hop === undefined ? {} : { hop })} />
    </aside>,
    document.body,
  );
}
