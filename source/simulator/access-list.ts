// The API key's access list: requests from other addresses get 403 IP_ADDRESS_NOT_ON_ACCESS_LIST.
import {BlockList, isIPv4} from 'node:net';

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) -> `127.0.0.1`. */
export function normalizeIp(address: string | undefined): string {
	if (!address) return '';
	return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

export class AccessList {
	private entries: string[] | null = null;
	private list = new BlockList();

	set(entries: string[] | null): void {
		this.entries = entries === null ? null : [...entries];
		this.list = new BlockList();
		for (const entry of this.entries ?? []) {
			const [address = '', bits] = entry.split('/');
			const family = isIPv4(address) ? 'ipv4' : 'ipv6';
			if (bits === undefined) this.list.addAddress(address, family);
			else this.list.addSubnet(address, Number(bits), family);
		}
	}

	/** The list as the key check reports it (`null` = no list configured). */
	get current(): string[] | null {
		return this.entries === null ? null : [...this.entries];
	}

	allows(ip: string): boolean {
		if (this.entries === null) return true;
		return this.list.check(ip, isIPv4(ip) ? 'ipv4' : 'ipv6');
	}
}
