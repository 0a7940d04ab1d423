import type { Bundle, BundleLink, Resource } from '@medplum/fhirtypes';

/** A searchset Bundle with self/first/previous/next links (`_page` carries the page; other params are kept). */
export function searchset(o: {
  base: string;
  path: string;
  params: Record<string, string | string[] | undefined>;
  page: number;
  count: number;
  total: number;
  resources: Resource[];
  included?: Resource[];
}): Bundle {
  const link = (relation: string, page: number): BundleLink => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(o.params))
      for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined && one !== '') qs.append(k, one);
    qs.set('_count', String(o.count));
    qs.set('_page', String(page));
    return { relation, url: `${o.base}/${o.path}?${qs.toString()}` };
  };
  const lastPage = o.count > 0 ? Math.max(1, Math.ceil(o.total / o.count)) : 1;
  const links: BundleLink[] = [link('self', o.page), link('first', 1)];
  if (o.page > 1) links.push(link('previous', Math.min(o.page - 1, lastPage)));
  if (o.count > 0 && o.page * o.count < o.total) links.push(link('next', o.page + 1));
  links.push(link('last', lastPage));
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: o.total,
    link: links,
    entry: [
      ...o.resources.map((r) => ({ fullUrl: `${o.base}/${r.resourceType}/${r.id}`, resource: r, search: { mode: 'match' as const } })),
      ...(o.included ?? []).map((r) => ({
        fullUrl: `${o.base}/${r.resourceType}/${r.id}`,
        resource: r,
        search: { mode: 'include' as const },
      })),
    ],
  };
}
