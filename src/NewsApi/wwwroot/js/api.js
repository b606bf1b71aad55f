// The API as this page uses it: public reads only, same origin, JSON.
const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // Not a problem document: the status says enough.
    }
    throw new ApiError(response.status, problem);
  }
  return { body: await response.json(), url: response.url };
}

export async function contactHeader() {
  try {
    return (await getJson(`${BASE}/contact-header`)).body;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return null; // The site has no contact header yet.
    }
    throw error;
  }
}

/** One article by id or slug; an old slug is redirected (308) to the current one, which `slug` then gives. */
export async function article(idOrSlug) {
  return (await getJson(`${BASE}/articles/${encodeURIComponent(idOrSlug)}`)).body;
}

/** A page of the list. `link` is a `links.next`/`links.prev` from an earlier page, used as given. */
export async function articles({ q = '', pageSize = 10, link = null } = {}) {
  if (link) {
    return (await getJson(link)).body;
  }
  const query = new URLSearchParams({ pageSize: String(pageSize) });
  if (q.trim()) {
    query.set('q', q.trim());
  }
  return (await getJson(`${BASE}/articles?${query}`)).body;
}

/** The section tree in reading order: each top section followed by its subsections. */
export async function sections() {
  return (await getJson(`${BASE}/sections`)).body.items;
}

/** One section by id or slug (an old slug is redirected to the current one). */
export async function section(idOrSlug) {
  return (await getJson(`${BASE}/sections/${encodeURIComponent(idOrSlug)}`)).body;
}

/** One tag by id or slug. */
export async function tag(idOrSlug) {
  return (await getJson(`${BASE}/tags/${encodeURIComponent(idOrSlug)}`)).body;
}

/** A page of a section's articles (its subsections' included) or of a tag's; `link` as for `articles`. */
export async function articlesOf(kind, idOrSlug, { pageSize = 10, link = null } = {}) {
  if (link) {
    return (await getJson(link)).body;
  }
  const query = new URLSearchParams({ pageSize: String(pageSize) });
  return (await getJson(`${BASE}/${kind}/${encodeURIComponent(idOrSlug)}/articles?${query}`)).body;
}

/**
 * Articles related to one, best first. Empty when the server has no such endpoint or it fails: the box is an extra,
 * and the article page must work without it.
 */
export async function related(idOrSlug, limit = 5) {
  try {
    const body = (await getJson(`${BASE}/articles/${encodeURIComponent(idOrSlug)}/related?limit=${limit}`)).body;
    return Array.isArray(body?.items) ? body.items : [];
  } catch {
    return [];
  }
}
