/** English strings of the dashboard; typed against the Indonesian keys so a missing or extra key fails to compile. */
import type { Messages } from './messages.ts';

/** English dictionary. */
export const en: Messages = {
  'app.title': 'Titik Rawan',
  'app.tagline': 'Child sexual exploitation risk map · East Jakarta',
  'app.documentTitle': 'Titik Rawan · East Jakarta risk map',
  'app.skipToMap': 'Skip to map',

  'language.label': 'Language',
  'language.id': 'Bahasa Indonesia',
  'language.en': 'English',

  'synthetic.badge': 'Synthetic data',
  'synthetic.explanation':
    'Every incident in this dashboard is generated for demonstration. These are not real cases and point to no real place or person.',

  'session.public': 'Public',
  'session.publicHint': 'You see coarse city-level patterns. Sign in for the access your role allows.',
  'session.signedInAs': 'Signed in as {username}',
  'session.loading': 'Checking session…',
  'session.signIn': 'Sign in',
  'session.signOut': 'Sign out',
  'session.signingOut': 'Signing out…',

  'role.admin': 'Admin',
  'role.satgas': 'Task force',
  'role.ngo': 'NGO',
  'role.public': 'Public',

  'signIn.title': 'Sign in to Titik Rawan',
  'signIn.intro': 'For task force members, partner NGOs and administrators.',
  'signIn.username': 'Username',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.cancel': 'Cancel',
  'signIn.loading': 'Loading sign-in form…',

  'panel.label': 'Map panel',
  'panel.show': 'Show panel',
  'panel.hide': 'Hide panel',
  'panel.aboutTitle': 'About this map',
  'panel.about':
    'Titik Rawan helps the task force and NGOs plan the prevention of child sexual exploitation: where banners, CCTV and outreach are needed most. What it shows is always aggregated and coarse, so no victim can be identified.',
  'panel.legendTitle': 'Filters and legend',
  'panel.legendKota': 'East Jakarta city boundary',
  'panel.legendKecamatan': 'Kecamatan (district) boundaries (10)',
  'panel.legendKelurahan': 'Kelurahan (sub-district) boundaries (65)',
  'panel.legendMajorRoad': 'Main roads',
  'panel.legendTransit': 'Transjakarta and KRL lines',

  'filters.title': 'Released incident counts',
  'filters.period': 'Period',
  'filters.periodYears': 'Years',
  'filters.periodQuarters': 'Quarters',
  'filters.periodMonths': 'Months',
  'filters.quarter': 'Q{quarter} {year}',
  'filters.partial': '{period} (partial)',
  'filters.partialHint':
    'The data covers {first} to {last}; periods marked "partial" hold only the months inside that span.',
  'filters.category': 'Category',
  'filters.geography': 'Geography',
  'filters.needsSignIn': '{option} (sign in to see)',
  'filters.limitMonths': 'Monthly data is for NGO, task force and admin accounts only.',
  'filters.limitFineCells': 'H3 cells of resolution 8 are for NGO, task force and admin accounts only.',
  'filters.loadingOptions': 'Loading data options…',
  'filters.loading': 'Loading incident counts…',
  'filters.metadataFailed': 'The data options could not be loaded. {reason}',
  'filters.failed': 'The incident counts could not be loaded. {reason}',
  'filters.retry': 'Try again',
  'filters.releaseGeography': 'Area counts follow the release geography (H3 cells)',
  'filters.releaseGeographyDetail':
    'Each kelurahan and kecamatan is counted as the union of the small H3 cells whose centres lie inside it, so the coloured outlines differ slightly from the official boundaries (dashed lines).',

  'category.all': 'All categories',
  'category.online_solicitation': '“Open BO” online solicitation',
  'category.peer_recruitment': 'Peer recruitment at school',
  'category.csam': 'Child sexual abuse material (CSAM)',
  'category.venue_exploitation': 'Exploitation in a venue',
  'category.other': 'Other',

  'geography.kecamatan': 'Kecamatan (10)',
  'geography.kelurahan': 'Kelurahan (65)',
  'geography.h3-7': 'H3 cells, resolution 7 (≈ 5 km²)',
  'geography.h3-8': 'H3 cells, resolution 8 (≈ 0.7 km²)',

  'legend.title': 'Count legend',
  'legend.classRange': '{from}–{to}',
  'legend.classFrom': '{from} or more',
  'legend.zero': '0 (no incidents recorded)',
  'legend.suppressed': 'suppressed (fewer than {k})',
  'legend.threshold': 'Threshold for your access tier ({tier}): k = {k}',
  'legend.suppression':
    'Counts from 1 to {max} are never shown, so that no victim can be identified; such cells or areas are hatched grey. Some other counts are suppressed too, so that a hidden count cannot be worked out from the ones shown.',
  'legend.none': 'No counts shown yet.',

  'map.label': 'Map of East Jakarta with kecamatan and kelurahan boundaries',
  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',
  'map.showAll': 'Show all of East Jakarta',
  'map.controls': 'Map controls',
  'map.attribution': 'Show attribution',
  'map.loadFailed': 'The boundaries could not be loaded. {reason}',

  'status.serverUnreachable': 'The server cannot be reached. Check your connection, then reload the page.',
  'status.dismiss': 'Dismiss',

  'error.network': 'The server cannot be reached. Check your connection and try again.',
  'error.invalidCredentials': 'Wrong username or password.',
  'error.badRequest': 'The request is incomplete or invalid. Check what you entered.',
  'error.unauthorized': 'You need to sign in to do this.',
  'error.forbidden': 'Your role does not have access to this data.',
  'error.notForThisTier': 'Your access tier does not include this choice. Sign in with an account that does.',
  'error.noDataForPeriod': 'There is no data for this period.',
  'error.notFound': 'The requested data was not found.',
  'error.rateLimited': 'Too many attempts. Wait a moment and try again.',
  'error.server': 'Something went wrong on the server. Try again later.',
  'error.unknown': 'Something unexpected went wrong. Please try again.',
};
