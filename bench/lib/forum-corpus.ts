/**
 * Generated forum-like posts for throughput and latency runs: sentences in several languages,
 * markdown quotes, links, code, @mentions, versions, dates and prices, and personal data in
 * about 5% of the posts. Seeded, so every run scans the same bytes.
 */
import { createRng, type Rng } from './prng.js';

const SENTENCES: Readonly<Record<string, readonly string[]>> = {
  en: [
    'I have been trying to get the new firmware working on my router for two weeks now.',
    'Has anyone else noticed that the app drains the battery since the last update?',
    'Thanks for the detailed answer, that fixed it for me after a restart.',
    'The package arrived yesterday but the box was damaged and one screw is missing.',
    'We meet every second Thursday at the community hall, newcomers are always welcome.',
    'Could a moderator move this thread to the hardware section, please?',
    'I disagree with the previous poster: the old version was much more stable.',
    'My daughter loves the recipe, although we used half the sugar and added cinnamon.',
    'After replacing the thermal paste the temperatures dropped by about ten degrees.',
    'Does the warranty still apply if I bought it second hand from a friend?',
  ],
  de: [
    'Ich habe das gleiche Problem seit dem letzten Update, der Drucker verbindet sich nicht mehr.',
    'Danke für den Tipp, mit dem neuen Treiber läuft alles wieder einwandfrei.',
    'Weiß jemand, ob das Ersatzteil auch für das ältere Modell passt?',
    'Wir treffen uns am Samstag um zehn Uhr am Vereinsheim, bitte pünktlich sein.',
    'Die Lieferung hat leider fast drei Wochen gedauert, aber die Qualität stimmt.',
    'Bei mir hat es geholfen, die Einstellungen komplett zurückzusetzen.',
  ],
  fr: [
    "Merci beaucoup pour votre aide, j'ai enfin réussi à installer la mise à jour.",
    "Est-ce que quelqu'un sait pourquoi l'écran reste noir au démarrage ?",
    'Nous organisons une sortie vélo dimanche matin, départ devant la mairie.',
    "Le service client ne répond plus depuis une semaine, c'est inadmissible.",
    "J'ai testé la recette avec du beurre demi-sel, c'était encore meilleur.",
    'Pensez à sauvegarder vos données avant de changer de version.',
  ],
  es: [
    'Gracias por la respuesta, al final era un problema de la batería.',
    '¿Alguien sabe si este modelo es compatible con el cargador antiguo?',
    'El envío tardó más de lo esperado, pero el vendedor fue muy amable.',
    'Mañana por la tarde hay reunión del grupo en la biblioteca municipal.',
    'Yo tuve el mismo fallo y lo solucioné reinstalando la aplicación.',
  ],
  it: [
    'Grazie mille, con il vostro consiglio il motore ha ripreso a funzionare.',
    'Qualcuno ha provato la nuova versione? A me si blocca spesso.',
    'Il corso di fotografia ricomincia a settembre, le iscrizioni sono aperte.',
    'Ho seguito la guida passo per passo ma il sensore non viene rilevato.',
  ],
  pt: [
    'Obrigado pela ajuda, consegui resolver o problema da rede sem fio.',
    'Alguém sabe se a garantia cobre defeitos na tela depois de um ano?',
    'A entrega atrasou, mas o produto chegou em perfeito estado.',
    'Vamos marcar o encontro do grupo para o próximo sábado à tarde.',
  ],
  ms: [
    'Terima kasih atas bantuan, masalah sambungan internet sudah selesai.',
    'Ada sesiapa tahu kedai yang menjual alat ganti ini di Kuala Lumpur?',
    'Saya cuba kemas kini perisian tetapi telefon masih tidak boleh dihidupkan.',
  ],
  hi: [
    'मदद के लिए धन्यवाद, अब ऐप ठीक से चल रहा है।',
    'क्या किसी को पता है कि यह चार्जर पुराने मॉडल के साथ काम करेगा?',
    'अगले रविवार को पार्क में समूह की बैठक होगी, सभी आमंत्रित हैं।',
  ],
  zh: [
    '谢谢大家的帮助，重新安装驱动以后问题解决了。',
    '有人知道这个型号的电池可以在哪里买到吗？',
    '这周末我们在图书馆组织读书会，欢迎新朋友参加。',
  ],
  ja: [
    '皆さんのアドバイスのおかげで、やっと設定がうまくいきました。',
    'この部品は古いモデルにも使えるかどうか、誰か知っていますか？',
    '来週の土曜日に公園で集まりがありますので、ぜひ参加してください。',
  ],
};

const LANGS = Object.keys(SENTENCES);

/** Forum noise that is not personal data but looks like it to a naive pattern. */
function noise(rng: Rng): string {
  switch (rng.int(0, 9)) {
    case 0:
      return `@${rng.pick(['mod_team', 'jana', 'techguy42', 'admin'])} can you check this?`;
    case 1:
      return `Version ${rng.int(1, 9)}.${rng.int(0, 20)}.${rng.int(0, 99)} fixed it, see https://example.org/t/${rng.int(1000, 99999)}.`;
    case 2:
      return `It cost €${rng.int(5, 900)},${rng.digits(2)} on ${rng.int(1, 28)}.${rng.int(1, 12)}.20${rng.int(10, 25)}.`;
    case 3:
      return '```\nnpm install @scope/pkg@2.1.0 && node index.js --port 8080\n```';
    case 4:
      return `> ${rng.pick(SENTENCES.en as string[])}`;
    case 5:
      return `Order ${rng.digits(8)} is still "in transit" since ${rng.int(10, 23)}:${rng.digits(2)}.`;
    case 6:
      return `Score was ${rng.int(0, 9)}-${rng.int(0, 9)}, attendance ${rng.int(1, 60)} 000 🎉`;
    case 7:
      return `**Edit:** see the [manual](https://docs.example.com/v${rng.int(1, 5)}/setup#step-${rng.int(1, 9)}).`;
    case 8:
      return `The log says \`error 0x${rng.int(0, 0xffff).toString(16)} at line ${rng.int(1, 999)}\` 🙄`;
    default:
      return `icon@2x.png and git@github.com:org/repo.git are in the repo since 2019–2021.`;
  }
}

function luhnComplete(prefix: string, length: number, rng: Rng): string {
  let body = prefix + rng.digits(length - prefix.length - 1);
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = body.charCodeAt(i) - 48;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  body += String((10 - (sum % 10)) % 10);
  return body;
}

/** A sentence carrying one email, phone or card number, in a plausible phrasing. */
export function personalData(rng: Rng): string {
  const name = rng.pick([
    'jane.doe',
    'mario.rossi',
    'k.schmidt',
    'lucia_g',
    'ahmad.rahman',
    'p.sharma',
  ]);
  const domain = rng.pick([
    'gmail.com',
    'outlook.de',
    'yahoo.fr',
    'hotmail.es',
    'proton.me',
    'gmx.net',
  ]);
  switch (rng.int(0, 6)) {
    case 0:
      return `You can reach me at ${name}${rng.int(1, 99)}@${domain} if that is easier.`;
    case 1:
      return `Schreib mir einfach: ${name} at ${domain.replace('.', ' dot ')}`;
    case 2:
      return `Call me on +44 20 7946 ${rng.digits(4)} after six.`;
    case 3:
      return `Mein Handy: 0151 ${rng.digits(4)} ${rng.digits(4)}, gerne auch per WhatsApp.`;
    case 4:
      return `Appelez-moi au 06 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} demain.`;
    case 5: {
      const card = luhnComplete('4', 16, rng);
      return `They charged my card ${card.replace(/(\d{4})(?=\d)/g, '$1 ')} twice, is that normal?`;
    }
    default:
      return `WhatsApp +60 12-${rng.digits(3)} ${rng.digits(4)} atau emel ${name}@${domain}`;
  }
}

/**
 * One post of at most `maxBytes` UTF-8 bytes (at least one sentence), in paragraphs like real
 * posts; with `withPersonalData` one sentence carries an email, phone or card number.
 */
export function generatePost(rng: Rng, maxBytes: number, withPersonalData: boolean): string {
  const lang = rng.pick(LANGS);
  const own = SENTENCES[lang] as readonly string[];
  const sentences: string[] = [];
  let bytes = 0;
  if (withPersonalData) {
    const pii = personalData(rng);
    sentences.push(pii);
    bytes += Buffer.byteLength(pii, 'utf8') + 2;
  }
  for (;;) {
    const sentence = rng.chance(0.15)
      ? noise(rng)
      : rng.chance(0.8)
        ? rng.pick(own)
        : rng.pick(SENTENCES.en as readonly string[]);
    const size = Buffer.byteLength(sentence, 'utf8') + 2;
    if (bytes + size > maxBytes && sentences.length > 0) break;
    bytes += size;
    // The personal data lands anywhere in the post, not always first.
    sentences.splice(rng.int(0, sentences.length), 0, sentence);
  }
  let out = '';
  for (let i = 0; i < sentences.length; i++) {
    if (i > 0) out += rng.chance(0.25) ? '\n\n' : ' ';
    out += sentences[i] as string;
  }
  return out;
}

export interface Corpus {
  posts: string[];
  /** UTF-8 bytes of all posts together. */
  bytes: number;
}

function bytesOf(posts: readonly string[]): number {
  return posts.reduce((n, p) => n + Buffer.byteLength(p, 'utf8'), 0);
}

/** Forum posts of 200–3000 characters until `targetBytes`; ~5% carry personal data. */
export function generateForumCorpus(seed: number, targetBytes: number): Corpus {
  const rng = createRng(seed);
  const posts: string[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const size = rng.chance(0.8) ? rng.int(200, 900) : rng.int(900, 3000);
    const post = generatePost(rng, size, rng.chance(0.05));
    posts.push(post);
    bytes += Buffer.byteLength(post, 'utf8');
  }
  return { posts, bytes };
}

/** `count` posts of about `sizeBytes` UTF-8 bytes each (for per-post latency). */
export function generateSizedPosts(seed: number, sizeBytes: number, count: number): Corpus {
  const rng = createRng(seed);
  const posts: string[] = [];
  for (let i = 0; i < count; i++) {
    posts.push(generatePost(rng, sizeBytes, rng.chance(0.05)));
  }
  return { posts, bytes: bytesOf(posts) };
}
