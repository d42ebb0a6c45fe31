// Seeded drawing loop (fixture).
const seed = Number(new URLSearchParams(location.search).get('seed') || 1);
export function draw(context) {
  context.fillRect(seed % 400, seed % 400, 10, 10);
}
