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

export function renderArticle(parts, article) {
  parts.headline.textContent = article.headline;
  parts.meta.replaceChildren(...(article.publishedAt
    ? [element('time', { datetime: article.publishedAt, text: dateFormat.format(new Date(article.publishedAt)) })]
    : []));
  parts.lead.replaceChildren(...leadNodes(article.lead, article.dateline));
  parts.body.replaceChildren(...article.body.map((block) =>
    element('p', { className: `block block-${block.type}`, text: block.text })));

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
