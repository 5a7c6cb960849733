/** Bahasa Indonesia strings of the dashboard: the default language and the source of every message key. */
export const id = {
  'app.title': 'Titik Rawan',
  'app.tagline': 'Peta risiko eksploitasi seksual anak · Jakarta Timur',
  'app.documentTitle': 'Titik Rawan · Peta risiko Jakarta Timur',
  'app.skipToMap': 'Langsung ke peta',

  'language.label': 'Bahasa',
  'language.id': 'Bahasa Indonesia',
  'language.en': 'English',

  'synthetic.badge': 'Data sintetis',
  'synthetic.explanation':
    'Semua kejadian di dasbor ini dibuat secara acak untuk demonstrasi. Ini bukan data kasus nyata dan tidak menunjukkan tempat atau orang sebenarnya.',

  'session.public': 'Publik',
  'session.publicHint': 'Anda melihat pola umum tingkat kota. Masuk untuk akses sesuai peran Anda.',
  'session.signedInAs': 'Masuk sebagai {username}',
  'session.loading': 'Memeriksa sesi…',
  'session.signIn': 'Masuk',
  'session.signOut': 'Keluar',
  'session.signingOut': 'Sedang keluar…',

  'role.admin': 'Admin',
  'role.satgas': 'Satgas',
  'role.ngo': 'LSM',
  'role.public': 'Publik',

  'signIn.title': 'Masuk ke Titik Rawan',
  'signIn.intro': 'Untuk anggota satgas, LSM mitra, dan admin.',
  'signIn.username': 'Nama pengguna',
  'signIn.password': 'Kata sandi',
  'signIn.submit': 'Masuk',
  'signIn.submitting': 'Sedang masuk…',
  'signIn.cancel': 'Batal',
  'signIn.loading': 'Memuat formulir masuk…',

  'panel.label': 'Panel peta',
  'panel.show': 'Tampilkan panel',
  'panel.hide': 'Sembunyikan panel',
  'panel.aboutTitle': 'Tentang peta ini',
  'panel.about':
    'Titik Rawan membantu satgas dan LSM merencanakan pencegahan eksploitasi seksual anak: di mana spanduk, CCTV, dan sosialisasi paling dibutuhkan. Data yang ditampilkan selalu agregat dan kasar, sehingga tidak ada korban yang dapat dikenali.',
  'panel.legendTitle': 'Legenda',
  'panel.legendKota': 'Batas Kota Jakarta Timur',
  'panel.legendKecamatan': 'Batas kecamatan (10)',
  'panel.legendKelurahan': 'Batas kelurahan (65)',
  'panel.legendMajorRoad': 'Jalan utama',
  'panel.legendTransit': 'Jalur Transjakarta dan KRL',

  'map.label': 'Peta Jakarta Timur dengan batas kecamatan dan kelurahan',
  'map.zoomIn': 'Perbesar peta',
  'map.zoomOut': 'Perkecil peta',
  'map.showAll': 'Tampilkan seluruh Jakarta Timur',
  'map.controls': 'Kontrol peta',
  'map.attribution': 'Tampilkan atribusi',
  'map.loadFailed': 'Batas wilayah tidak dapat dimuat. {reason}',

  'status.serverUnreachable': 'Server tidak dapat dihubungi. Periksa koneksi Anda lalu muat ulang halaman.',
  'status.dismiss': 'Tutup',

  'error.network': 'Server tidak dapat dihubungi. Periksa koneksi Anda lalu coba lagi.',
  'error.invalidCredentials': 'Nama pengguna atau kata sandi salah.',
  'error.badRequest': 'Permintaan tidak lengkap atau tidak valid. Periksa isian Anda.',
  'error.unauthorized': 'Anda perlu masuk untuk melakukan ini.',
  'error.forbidden': 'Peran Anda tidak memiliki akses ke data ini.',
  'error.notFound': 'Data yang diminta tidak ditemukan.',
  'error.rateLimited': 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.',
  'error.server': 'Terjadi kesalahan di server. Coba lagi nanti.',
  'error.unknown': 'Terjadi kesalahan yang tidak terduga. Coba lagi.',
} as const;
