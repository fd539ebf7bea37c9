/**
 * Bahasa Indonesia: the pages' default language and the source of the `Strings` type the other locale satisfies.
 * Every word a citizen or an officer reads on the certificate and counter pages lives here (and in en.ts).
 */
import type { Language, PaktaErrorCode } from '../../../src/index.js';

const id = {
  lang: 'id' as Language,
  /** BCP 47 tag for Intl. */
  intl: 'id-ID',
  /** The switch leads to the other language, named in itself. */
  other: { lang: 'en' as Language, name: 'English', label: 'Ganti bahasa ke English' },
  checking: 'Memeriksa sertifikat…',
  verdict: {
    valid: 'SAH',
    revoked: 'DIBATALKAN',
    invalid: 'TIDAK SAH',
    unknown: 'BELUM DAPAT DIPASTIKAN',
  },
  verdictLead: {
    valid: 'Tanda tangan kantor layanan cocok dan nomor antrean ini tidak dibatalkan.',
    revoked: 'Sertifikat ini asli, tetapi pemesanannya telah dibatalkan. Nomor antrean ini tidak berlaku.',
    invalid: 'Sertifikat ini tidak dapat diterima di loket.',
    unknown: 'Belum dapat dipastikan sah atau tidak. Jangan anggap sah sebelum pemeriksaan berhasil.',
  },
  /** Why a certificate is not valid, by the SDK's error code. */
  reasons: {
    malformed: 'Bukan sertifikat Pakta yang utuh: rusak, terpotong, atau bukan sertifikat.',
    wrong_type: 'Ini bukan sertifikat pakta integritas (jenis token lain).',
    unknown_issuer: 'Diterbitkan oleh pihak yang tidak dikenal di situs ini.',
    unknown_key: 'Ditandatangani dengan kunci yang tidak dikenal kantor layanan.',
    invalid_signature: 'Tanda tangan tidak cocok: isi sertifikat telah diubah atau dipalsukan.',
    expired: 'Sudah kedaluwarsa: hari layanannya telah lewat.',
    not_yet_valid: 'Belum berlaku.',
    unexpected_claim: 'Tidak sesuai dengan layanan yang diharapkan.',
    revoked: 'Pemesanan telah dibatalkan.',
    keys_unreachable: 'Kunci kantor layanan tidak dapat diambil. Periksa koneksi, lalu coba lagi.',
    status_unknown:
      'Tanda tangan cocok, tetapi daftar pembatalan tidak dapat diambil. Periksa koneksi, lalu coba lagi.',
    empty: 'Tidak ada sertifikat di tautan ini.',
    insecure_context: 'Peramban hanya dapat memeriksa tanda tangan di halaman HTTPS. Buka tautan ini lewat https://.',
  } satisfies Record<PaktaErrorCode | 'status_unknown' | 'empty' | 'insecure_context', string>,
  /** The code, shown beside the reason for support staff. */
  code: (code: string) => `Kode: ${code}`,
  labels: {
    ticket: 'Nomor antrean',
    tenant: 'Kantor layanan',
    service: 'Layanan',
    date: 'Tanggal',
    time: 'Jam',
    channel: 'Cara dilayani',
    holder: 'Atas nama',
    pact: 'Pakta integritas',
    pactVersion: (version: string) => `Versi ${version}`,
    acceptedAt: 'Disetujui pada',
    pactLanguage: 'Bahasa naskah',
    pactHash: 'Sidik naskah (SHA-256)',
    validUntil: 'Berlaku sampai',
    booking: 'Kode pemesanan',
  },
  languages: { id: 'Bahasa Indonesia', en: 'Bahasa Inggris' } as Record<string, string>,
  certificate: {
    documentTitle: 'Piagam Pakta Integritas',
    title: 'Piagam Pakta Integritas',
    subtitle: 'Bukti persetujuan pakta integritas untuk nomor antrean online',
    pledge:
      'Pemegang nomor antrean ini telah menyetujui pakta integritas kantor layanan sebelum mengambil nomor antrean.',
    pactText: 'Naskah pakta yang disetujui',
    pactTextMatches: 'Cocok dengan sidik naskah yang ditandatangani dalam sertifikat.',
    qr: 'Pindai untuk memeriksa sertifikat ini',
    qrAlt: 'Kode QR berisi tautan sertifikat ini',
    print: 'Cetak',
    privacy:
      'Sertifikat diperiksa di perangkat ini. Isinya ada di tautan setelah tanda #, yang tidak dikirim ke server.',
    verifiedBy: (origin: string) => `Diperiksa terhadap kunci penerbit di ${origin}`,
  },
  counter: {
    documentTitle: 'Periksa sertifikat — Loket',
    title: 'Periksa sertifikat pakta',
    subtitle: 'Pindai kode QR warga, atau tempel token atau tautan sertifikatnya.',
    scan: 'Pindai QR',
    stop: 'Hentikan kamera',
    scanNext: 'Pindai berikutnya',
    scanning: 'Arahkan kamera ke kode QR…',
    noCamera: 'Kamera tidak tersedia di peramban ini. Tempel token atau tautan di bawah.',
    insecure: 'Kamera hanya dapat dipakai lewat HTTPS. Tempel token atau tautan di bawah.',
    cameraDenied: 'Izin kamera ditolak. Izinkan kamera di pengaturan peramban, atau tempel token.',
    cameraError: 'Kamera tidak dapat dibuka.',
    pasteLabel: 'Token atau tautan sertifikat',
    pastePlaceholder: 'https://…/c/#eyJhbGciOi…',
    check: 'Periksa',
    clear: 'Bersihkan',
    notToday: (date: string) => `Perhatian: jadwalnya ${date}, bukan hari ini.`,
    trust: (origin: string) => `Hanya sertifikat kantor layanan di ${origin} yang diterima.`,
  },
};

export type Strings = typeof id;
export default id;
