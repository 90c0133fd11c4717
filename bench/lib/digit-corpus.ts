/**
 * Digit-dense posts: prices, dates, times, order and tracking ids, versions, IP addresses,
 * statistics tables and phone-like numbers. The worst realistic case for a phone detector,
 * which must look at every digit run. Seeded.
 */
import type { Corpus } from './forum-corpus.js';
import { createRng, type Rng } from './prng.js';

function fragment(rng: Rng): string {
  switch (rng.int(0, 13)) {
    case 0:
      return `Order #${rng.digits(7)} placed ${rng.int(1, 28)}/${rng.int(1, 12)}/20${rng.int(10, 25)}, total $${rng.int(1, 2999)}.${rng.digits(2)}.`;
    case 1:
      return `Tracking 1Z${rng.digits(3)}AA${rng.digits(10)}, ETA 20${rng.int(20, 26)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}.`;
    case 2:
      return `| ${rng.int(1990, 2025)} | ${rng.int(0, 99999)} | ${rng.int(0, 100)}.${rng.digits(1)}% | ${rng.digits(6)} |`;
    case 3:
      return `Build ${rng.int(1, 30)}.${rng.int(0, 99)}.${rng.int(0, 9999)} on ${rng.int(10, 255)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}:${rng.int(1024, 65535)}`;
    case 4:
      return `Ticket ${rng.digits(9)} – invoice ${rng.int(2018, 2025)}-${rng.digits(5)} – ref ${rng.digits(12)}`;
    case 5:
      return `Timestamp ${rng.int(1500000000, 1800000000)}${rng.digits(3)} at ${rng.int(0, 23)}:${rng.digits(2)}:${rng.digits(2)}`;
    case 6:
      return `Call 0${rng.int(20, 99)} ${rng.digits(4)} ${rng.digits(4)} or +${rng.int(1, 99)} ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(4)}`;
    case 7:
      return `ISBN 978-${rng.digits(1)}-${rng.digits(4)}-${rng.digits(4)}-${rng.digits(1)}, ${rng.int(100, 999)} pages, €${rng.int(5, 60)},${rng.digits(2)}`;
    case 8:
      return `Coordinates ${rng.int(-89, 89)}.${rng.digits(6)}, ${rng.int(-179, 179)}.${rng.digits(6)}`;
    case 9:
      return `Score ${rng.int(0, 150)}:${rng.int(0, 150)} (${rng.int(0, 60)}-${rng.int(0, 60)}, ${rng.int(0, 60)}-${rng.int(0, 60)})`;
    case 10:
      return `IMEI ${rng.digits(15)}, serial ${rng.digits(4)}-${rng.digits(4)}-${rng.digits(4)}`;
    case 11:
      return `Prices: ${rng.int(1, 99)}.${rng.digits(2)} / ${rng.int(100, 999)}.${rng.digits(2)} / ${rng.int(1000, 9999)}.${rng.digits(2)} USD`;
    case 12:
      return `Mileage ${rng.int(10, 300)} ${rng.digits(3)} km, service every ${rng.int(10, 30)} 000 km since ${rng.int(1995, 2024)}`;
    default:
      return `Postcode ${rng.digits(5)}, Tel. ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(2)} ${rng.digits(2)}, Fax ${rng.digits(3)}/${rng.digits(6)}`;
  }
}

/** Posts of 5–30 digit-heavy lines until `targetBytes`. */
export function generateDigitCorpus(seed: number, targetBytes: number): Corpus {
  const rng = createRng(seed);
  const posts: string[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const lines: string[] = [];
    const n = rng.int(5, 30);
    for (let i = 0; i < n; i++) lines.push(fragment(rng));
    const post = lines.join(rng.chance(0.5) ? '\n' : ' ');
    posts.push(post);
    bytes += Buffer.byteLength(post, 'utf8');
  }
  return { posts, bytes };
}
