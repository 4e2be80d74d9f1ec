// Atlas list paging: itemsPerPage 1-500 (default 100), pageNum from 1, includeCount, and the links
// as recorded: self `…?includeCount=true&pageNum=1&itemsPerPage=100`, next/previous `…&pageNum=N`.
import {SimulatorHttpError} from './errors.js';

export type Paging = {itemsPerPage: number; pageNum: number; includeCount: boolean};

function integerParam(query: Record<string, string>, name: string, fallback: number, min: number, max: number): number {
	const raw = query[name];
	if (raw === undefined) return fallback;
	const value = Number(raw);
	if (!/^\d+$/.test(raw) || value < min || value > max) {
		throw new SimulatorHttpError(400, 'INVALID_QUERY_PARAMETER', `Invalid ${name} value ${raw}: expected an integer from ${min} to ${max}.`, {parameters: [name]});
	}
	return value;
}

export function parsePaging(query: Record<string, string>): Paging {
	return {
		itemsPerPage: integerParam(query, 'itemsPerPage', 100, 1, 500),
		pageNum: integerParam(query, 'pageNum', 1, 1, Number.MAX_SAFE_INTEGER),
		includeCount: query.includeCount !== 'false',
	};
}

export function pageOf<T>(items: T[], paging: Paging, selfUrl: string): {links: Array<{href: string; rel: string}>; results: T[]; totalCount?: number} {
	const start = (paging.pageNum - 1) * paging.itemsPerPage;
	const results = items.slice(start, start + paging.itemsPerPage);
	const count = `includeCount=${paging.includeCount}`;
	const otherPage = (pageNum: number) => `${selfUrl}?${count}&itemsPerPage=${paging.itemsPerPage}&pageNum=${pageNum}`;
	const links = [{href: `${selfUrl}?${count}&pageNum=${paging.pageNum}&itemsPerPage=${paging.itemsPerPage}`, rel: 'self'}];
	if (paging.pageNum > 1) links.unshift({href: otherPage(paging.pageNum - 1), rel: 'previous'});
	if (start + paging.itemsPerPage < items.length) links.push({href: otherPage(paging.pageNum + 1), rel: 'next'});
	return paging.includeCount ? {links, results, totalCount: items.length} : {links, results};
}
