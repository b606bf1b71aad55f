// Builds the page's parts from API resources. Text goes in with textContent only: nothing from the API is HTML.

const ROLE_LABELS = {
  text: 'Bài',
  photo: 'Ảnh',
  video: 'Video',
  graphics: 'Đồ họa',
  translation: 'Dịch',
  compilation: 'Tổng hợp',
};

const SITE_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const dateFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: SITE_TIME_ZONE, dateStyle: 'full' });
const shortDateFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: SITE_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });

function element(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'text') {
      node.textContent = value;
    } else if (name === 'className') {
      node.className = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  node.append(...children);
  return node;
}

export function roleLabel(role) {
  return ROLE_LABELS[role] ?? role;
}

export function renderContact(container, contact) {
  const address = container.querySelector('#contact-address');
  const phones = container.querySelector('#contact-phones');
  if (!contact) {
    container.hidden = true;
    return;
  }
  address.textContent = contact.address;
  const links = contact.phones.map((phone) =>
    element('a', { className: 'contact-phone', href: `tel:${phone.e164}`, text: phone.display, 'aria-label': `Gọi ${phone.display}` }));
  if (contact.email) {
    links.push(element('a', { className: 'contact-email', href: `mailto:${contact.email}`, text: contact.email }));
  }
  phones.replaceChildren(...links.flatMap((link, i) => (i === 0 ? [link] : [' · ', link])));
  container.hidden = false;
}

/** The lead, with the dateline that opens it ("Sáng 10-12") set apart as the print edition does. */
function leadNodes(lead, dateline) {
  if (!dateline?.text || !lead.startsWith(dateline.text)) {
    return [lead];
  }
  const label = dateline.date
    ? element('time', { datetime: dateline.date, text: dateline.text })
    : document.createTextNode(dateline.text);
  return [element('span', { className: 'dateline' }, [label]), lead.slice(dateline.text.length)];
}

function creditNodes(credit) {
  const name = element('span', { className: 'contributor', text: credit.name });
  if (credit.roles.length === 0) {
    return [name];
  }
  const roles = element('span', { className: 'roles', text: ` (${credit.roles.map(roleLabel).join(', ')})` });
  return [name, roles];
}

// The reading column is at most 48rem wide: the browser picks the narrowest rendition covering that (or the viewport).
const SIZES = '(max-width: 48rem) 100vw, 48rem';

function srcset(renditions, format) {
  return renditions.filter((r) => r.format === format).map((r) => `${r.url} ${r.width}w`).join(', ');
}

/**
 * A placed photo as a figure: a picture with AVIF and WebP sources and a JPEG (or PNG) img, each with a srcset of the
 * renditions, its width and height (no layout shift), alt text, caption and credit. Photos below the fold load lazily;
 * the feature image, the first thing seen, does not.
 */
function figureOf(photo, { lazy }) {
  const image = photo.image;
  if (!image?.url) {
    return null;
  }
  const fallback = image.renditions.some((r) => r.format === 'png') ? 'png' : 'jpeg';
  const sources = ['avif', 'webp']
    .filter((format) => image.renditions.some((r) => r.format === format))
    .map((format) => element('source', { type: `image/${format}`, srcset: srcset(image.renditions, format), sizes: SIZES }));
  const imgProps = { src: image.url, alt: photo.alt ?? '', width: image.width, height: image.height, decoding: 'async' };
  if (image.renditions.some((r) => r.format === fallback)) {
    Object.assign(imgProps, { srcset: srcset(image.renditions, fallback), sizes: SIZES });
  }
  if (lazy) {
    imgProps.loading = 'lazy';
  }
  const caption = [];
  if (photo.caption) {
    caption.push(element('span', { className: 'caption', text: photo.caption }));
  }
  if (photo.credit) {
    caption.push(element('span', { className: 'credit', text: `Ảnh: ${photo.credit.text}` }));
  }
  return element('figure', { className: 'photo', 'data-media-id': photo.mediaId }, [
    element('picture', {}, [...sources, element('img', imgProps)]),
    ...(caption.length > 0 ? [element('figcaption', {}, caption)] : []),
  ]);
}

function blockNode(block) {
  if (block.type === 'image') {
    return figureOf(block, { lazy: true });
  }
  return element('p', { className: `block block-${block.type}`, text: block.text });
}

export function renderArticle(parts, article) {
  parts.headline.textContent = article.headline;
  parts.meta.replaceChildren(...(article.publishedAt
    ? [element('time', { datetime: article.publishedAt, text: dateFormat.format(new Date(article.publishedAt)) })]
    : []));
  parts.lead.replaceChildren(...leadNodes(article.lead, article.dateline));
  const feature = article.featureImage ? figureOf(article.featureImage, { lazy: false }) : null;
  parts.feature.replaceChildren(...(feature ? [feature] : []));
  parts.feature.hidden = !feature;
  parts.body.replaceChildren(...article.body.map(blockNode).filter((node) => node !== null));

  const byline = article.byline;
  if (!byline) {
    parts.byline.hidden = true;
  } else {
    const credits = byline.credits.length > 0
      ? byline.credits.flatMap((credit, i) => (i === 0 ? creditNodes(credit) : ['; ', ...creditNodes(credit)]))
      : [byline.text];
    parts.bylineCredits.replaceChildren(...credits);
    parts.bylineCredits.title = byline.text;
    parts.bylineSource.hidden = !byline.source;
    parts.bylineSource.textContent = byline.source ? `Nguồn: ${byline.source}` : '';
    parts.byline.hidden = false;
  }
  document.title = article.headline;
}

export function renderList(list, items, currentSlug) {
  list.replaceChildren(...items.map((item) => {
    const link = element('a', { className: 'article-link', href: `/?slug=${encodeURIComponent(item.slug)}`, text: item.headline });
    if (item.slug === currentSlug) {
      link.setAttribute('aria-current', 'page');
    }
    const date = item.publishedAt
      ? [element('time', { className: 'article-date', datetime: item.publishedAt, text: shortDateFormat.format(new Date(item.publishedAt)) })]
      : [];
    return element('li', { className: 'article-item', 'data-slug': item.slug }, [link, ...date]);
  }));
}
