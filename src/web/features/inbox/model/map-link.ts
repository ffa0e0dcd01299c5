/** The place's link on OpenStreetMap, opened by the user only (no map is embedded). */
export function openStreetMapUrl(latitude: number, longitude: number): string {
  const query = new URLSearchParams({ mlat: String(latitude), mlon: String(longitude) });
  return `https://www.openstreetmap.org/?${query}#map=16/${latitude}/${longitude}`;
}
