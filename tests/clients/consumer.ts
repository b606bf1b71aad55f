// A front end written against the client that openapi-typescript generates from openapi.json (api.d.ts).
// tests/run.sh compiles it with tsc --strict: when the document stops saying a field is always there (or starts
// saying a nullable one never is null), this stops compiling. No `!`, no `?.` on a required field.
import type { components, paths } from './api';

type Schemas = components['schemas'];
export type Article = Schemas['ArticleResponse'];
export type ArticleList = Schemas['ArticlePage'];
export type ArticleListItem = Schemas['ArticleSummary'];
export type Byline = Schemas['BylineResponse'];
export type Credit = Schemas['CreditResponse'];
export type Dateline = Schemas['DatelineResponse'];
export type ContactHeader = Schemas['ContactHeaderResponse'];

// --- What a reader page needs, read straight off the types ----------------------------------------------------

const roleLabels: Record<Schemas['CreditRole'], string> = {
  text: 'Bài',
  photo: 'Ảnh',
  video: 'Video',
  graphics: 'Đồ họa',
  translation: 'Dịch',
  compilation: 'Tổng hợp',
};

/** "Hương Hồng Thu (Bài, Ảnh)" */
export function creditLine(credit: Credit): string {
  return credit.roles.length === 0 ? credit.name : `${credit.name} (${credit.roles.map((r) => roleLabels[r]).join(', ')})`;
}

/** "Hương Hồng Thu (Bài, Ảnh) — QĐND", or the byline as printed when it names nobody. */
export function bylineLine(byline: Byline): string {
  const credits = byline.credits.length === 0 ? byline.text : byline.credits.map(creditLine).join('; ');
  return byline.source === null ? credits : `${credits} — ${byline.source}`;
}

/** The lead split where the dateline ends, so it can be set apart ("Sáng 10-12" + ", Tổng cục ..."). */
export function splitLead(article: Article): { dateline: string | null; rest: string } {
  const dateline: Dateline | null = article.dateline;
  if (dateline !== null && article.lead.startsWith(dateline.text)) {
    return { dateline: dateline.text, rest: article.lead.slice(dateline.text.length) };
  }
  return { dateline: null, rest: article.lead };
}

export function datelineMachineDate(dateline: Dateline): string | null {
  return dateline.date;
}

const partOfDayLabels: Record<Schemas['PartOfDay'], string> = {
  'early-morning': 'Rạng sáng',
  morning: 'Sáng',
  noon: 'Trưa',
  afternoon: 'Chiều',
  evening: 'Tối',
  night: 'Đêm',
};

export function partOfDayLabel(dateline: Dateline): string | null {
  return dateline.partOfDay === null ? null : partOfDayLabels[dateline.partOfDay];
}

/** The body's paragraphs, in order; image blocks (a photo with its caption) have no text and are left out. */
export function paragraphs(article: Article): string[] {
  return article.body.flatMap((block) => (block.type === 'paragraph' && typeof block.text === 'string' ? [block.text] : []));
}

export function publishedOn(article: Article): Date | null {
  return article.publishedAt === null ? null : new Date(article.publishedAt);
}

/** tel: links from the E.164 form, shown with the printed form: "(84).208.3844.179" → "tel:+842083844179". */
export function phoneLinks(contact: ContactHeader): { href: string; text: string }[] {
  return contact.phones.map((phone) => ({ href: `tel:${phone.e164}`, text: phone.display }));
}

export function contactLine(contact: ContactHeader): string {
  return [contact.address, ...contact.phones.map((p) => p.display), ...(contact.email === null ? [] : [contact.email])].join(' | ');
}

export function listSummary(list: ArticleList): { headlines: string[]; page: string; next: string | null; prev: string | null } {
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return {
    headlines: list.items.map((item: ArticleListItem) => item.headline),
    page: `${list.page}/${pages}`,
    next: list.links.next,
    prev: list.links.prev,
  };
}

// --- A typed fetch over the documented paths -------------------------------------------------------------------

type Json<P extends keyof paths, M extends keyof paths[P]> =
  paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;
type ListQuery = NonNullable<paths['/api/v1/articles']['get']['parameters']['query']>;

async function getJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(new URL(path, base), { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText} for ${path}`);
  }
  return (await response.json()) as T;
}

export function listArticles(base: string, query: ListQuery = {}): Promise<Json<'/api/v1/articles', 'get'>> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) {
      search.set(name, String(value));
    }
  }
  return getJson(base, `/api/v1/articles?${search}`);
}

export function getArticle(base: string, idOrSlug: string): Promise<Json<'/api/v1/articles/{idOrSlug}', 'get'>> {
  return getJson(base, `/api/v1/articles/${encodeURIComponent(idOrSlug)}`);
}

export function getContactHeader(base: string): Promise<Json<'/api/v1/contact-header', 'get'>> {
  return getJson(base, '/api/v1/contact-header');
}

/** The newest article rendered as text, the way the reader page shows it. */
export async function newestAsText(base: string): Promise<string | null> {
  const [list, contact] = await Promise.all([listArticles(base, { pageSize: 1 }), getContactHeader(base)]);
  const newest = list.items[0];
  if (newest === undefined) {
    return null;
  }
  const article = await getArticle(base, newest.slug);
  const lead = splitLead(article);
  return [
    contactLine(contact),
    article.headline,
    (lead.dateline === null ? '' : lead.dateline.toUpperCase()) + lead.rest,
    ...paragraphs(article),
    article.byline === null ? '' : bylineLine(article.byline),
  ].join('\n\n');
}

// --- Compile-time checks on the document itself ---------------------------------------------------------------

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type AssertAllRequired<T, K extends keyof T> = Exclude<K, RequiredKeys<T>> extends never ? true : ['optional in openapi.json:', Exclude<K, RequiredKeys<T>>];

export const articleFieldsAreRequired: AssertAllRequired<Article,
  'id' | 'slug' | 'headline' | 'lead' | 'body' | 'status' | 'publishedAt' | 'createdAt' | 'updatedAt' | 'version' | 'language' | 'byline' | 'dateline'> = true;
export const listFieldsAreRequired: AssertAllRequired<ArticleList, 'items' | 'page' | 'pageSize' | 'total' | 'links'> = true;
export const bylineFieldsAreRequired: AssertAllRequired<Byline, 'text' | 'credits' | 'source'> = true;
export const creditFieldsAreRequired: AssertAllRequired<Credit, 'contributorId' | 'name' | 'slug' | 'roles'> = true;
export const datelineFieldsAreRequired: AssertAllRequired<Dateline, 'text' | 'date' | 'partOfDay' | 'place'> = true;
export const contactFieldsAreRequired: AssertAllRequired<ContactHeader, 'address' | 'phones' | 'email' | 'updatedAt' | 'version'> = true;

export function bylineMayBeMissing(article: Article): Byline {
  // @ts-expect-error An article without a byline has "byline": null, and the document says so.
  const byline: Byline = article.byline;
  return byline;
}
