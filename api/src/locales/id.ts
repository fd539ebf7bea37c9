/**
 * Pesan API dalam Bahasa Indonesia — bahasa utama. Every problem code has a message in every language: a code added
 * to the protocol without one here (or in `en.ts`) does not compile.
 */
import type { ProblemCode } from '@pakta/sdk/protocol';

export interface ApiMessages {
  /** The problem's `detail`, by code; `{name}` is filled from the problem's params. */
  problems: Record<ProblemCode, string>;
  /** Field messages of a `validation_failed` problem. */
  fields: { required: string; invalid: string };
}

export const id: ApiMessages = {
  problems: {
    validation_failed: 'Data yang dikirim belum lengkap atau tidak sesuai. Periksa kolom yang ditandai.',
    malformed_json: 'Isi permintaan tidak dapat dibaca (bukan JSON UTF-8 yang sah).',
    payload_too_large: 'Isi permintaan terlalu besar (maksimal 32 KB).',
    unsupported_media_type: 'Isi permintaan harus berformat application/json.',
    not_found: 'Data yang dicari tidak ditemukan.',
    unknown_service: 'Layanan ini tidak tersedia di mal pelayanan publik ini.',
    unknown_channel: 'Layanan ini tidak tersedia melalui kanal yang dipilih.',
    unknown_slot: 'Jam layanan yang dipilih tidak tersedia pada tanggal tersebut.',
    date_closed: 'Mal pelayanan publik tutup pada tanggal tersebut.',
    outside_window:
      'Tanggal atau jam ini tidak dapat dipesan sekarang: sudah lewat, terlalu jauh, atau kuotanya belum dibuka.',
    pact_not_accepted: 'Anda perlu menyetujui pakta integritas sebelum mengambil nomor antrean.',
    pact_outdated: 'Teks pakta integritas telah diperbarui. Silakan baca dan setujui versi terbaru.',
    pact_mismatch:
      'Teks pakta integritas yang Anda setujui tidak sama dengan teks resmi. Muat ulang halaman lalu coba lagi.',
    invalid_nik: 'NIK harus 16 angka sesuai KTP.',
    invalid_phone: 'Nomor WhatsApp harus nomor seluler Indonesia, misalnya 0812-3456-7890.',
    nik_required: 'Layanan ini memerlukan NIK.',
    quota_exhausted: 'Kuota untuk jam ini sudah habis. Silakan pilih jam atau tanggal lain.',
    already_booked: 'Anda sudah memiliki nomor antrean untuk layanan ini pada tanggal tersebut.',
    idempotency_key_invalid: 'Header Idempotency-Key tidak sah (8–128 karakter huruf, angka, _ - . :).',
    idempotency_key_reused: 'Idempotency-Key ini sudah dipakai untuk permintaan lain.',
    idempotency_in_flight: 'Permintaan yang sama sedang diproses. Coba lagi sebentar lagi.',
    unauthorized: 'Token pengelolaan tidak ada atau salah.',
    already_cancelled: 'Pemesanan ini sudah dibatalkan.',
    rate_limited: 'Terlalu banyak permintaan. Coba lagi dalam {seconds} detik.',
    proof_required:
      'Layanan ini ramai: perangkat Anda perlu menyelesaikan verifikasi otomatis terlebih dahulu. Muat ulang lalu coba lagi.',
    proof_invalid: 'Verifikasi otomatis tidak sah atau sudah kedaluwarsa. Muat ulang lalu coba lagi.',
    proof_reused: 'Verifikasi otomatis ini sudah dipakai. Muat ulang lalu coba lagi.',
    origin_not_allowed: 'Situs ini tidak terdaftar untuk memesan di mal pelayanan publik ini.',
    method_not_allowed: 'Metode HTTP ini tidak didukung di alamat ini.',
    internal: 'Terjadi gangguan pada server kami. Tidak ada data yang tersimpan; silakan coba lagi.',
  },
  fields: {
    required: 'wajib diisi',
    invalid: 'tidak sesuai format',
  },
};
