/**
 * Asked for when the server answers 401: the access token `trustmap serve` requires when bound
 * beyond loopback. It is kept in sessionStorage (this tab only) and sent as a bearer token.
 */
import { useState } from 'react';
import { setToken } from '../api/client.js';

export function TokenForm() {
  const [value, setValue] = useState('');
  return (
    <form
      className="token-form"
      data-testid="token-form"
      onSubmit={(event) => {
        event.preventDefault();
        setToken(value.trim());
        window.location.reload();
      }}
    >
      <label>
        This server requires an access token{' '}
        <input
          type="password"
          autoComplete="off"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
          }}
        />
      </label>{' '}
      <button type="submit">Use token</button>
    </form>
  );
}
