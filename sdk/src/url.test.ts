import { describe, expect, it } from 'vitest';
import { PaktaError, parseCertificateUrl } from './index.js';

const token = 'eyJhbGciOiJFUzI1NiIsInR5cCI6InBha3RhK2p3dCJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl';

describe('parseCertificateUrl', () => {
  it('takes the token from the fragment', () => {
    expect(parseCertificateUrl(`https://pakta.example/c/#${token}`)).toBe(token);
    expect(parseCertificateUrl(`http://localhost:8787/c/#${token}`)).toBe(token);
  });

  it('takes the token from #token= or ?token=', () => {
    expect(parseCertificateUrl(`https://pakta.example/c/#token=${token}`)).toBe(token);
    expect(parseCertificateUrl(`https://pakta.example/c/?token=${token}`)).toBe(token);
    expect(parseCertificateUrl(`https://pakta.example/c/?lang=en&token=${token}`)).toBe(token);
  });

  it('prefers the fragment over the query', () => {
    expect(parseCertificateUrl(`https://pakta.example/c/?token=a.b.c#${token}`)).toBe(token);
  });

  it('tolerates surrounding whitespace and percent-encoding', () => {
    expect(parseCertificateUrl(`  https://pakta.example/c/#${token}\n`)).toBe(token);
    expect(parseCertificateUrl(`https://pakta.example/c/#${token.replaceAll('.', '%2E')}`)).toBe(token);
  });

  it('rejects what is not a certificate URL: malformed', () => {
    for (const input of [
      token,
      'not a url',
      'https://pakta.example/c/',
      'https://pakta.example/c/#',
      'https://pakta.example/c/#hello',
      'https://pakta.example/c/?token=',
      `ftp://pakta.example/c/#${token}`,
      `javascript:alert(1)//#${token}`,
      `https://pakta.example/c/#${token}.extra`,
    ]) {
      expect(() => parseCertificateUrl(input), input).toThrow(PaktaError);
      try {
        parseCertificateUrl(input);
      } catch (err) {
        expect((err as PaktaError).code).toBe('malformed');
      }
    }
  });
});
