// Which of this machine's addresses a phone on the same network can reach: the IPv4 addresses of its
// network interfaces, home networks first and container bridges and tunnels last.

/** The part of `os.networkInterfaces()` read here. */
export type NetworkInterfaces = Record<string, { address: string; family: string; internal: boolean }[] | undefined>;

// Interfaces that exist on this machine only (container bridges) or lead elsewhere (VPN tunnels).
const NOT_THE_LAN = /^(docker|br-|veth|virbr|podman|cni|flannel|vmnet|vboxnet|tun|tap|utun|wg|tailscale|zt)/;

function rank(name: string, address: string): number {
  const [a, b] = address.split('.').map(Number);
  const local = NOT_THE_LAN.test(name) ? 10 : 0;
  if (a === 192 && b === 168) return local + 0;
  if (a === 10) return local + 1;
  if (a === 172 && b >= 16 && b <= 31) return local + 2;
  return local + 3;
}

/** Every non-internal IPv4 address, the likeliest home-network address first; link-local ones left out. */
export function lanAddresses(interfaces: NetworkInterfaces): string[] {
  const found = Object.entries(interfaces).flatMap(([name, infos]) =>
    (infos ?? []).filter((i) => i.family === 'IPv4' && !i.internal && !i.address.startsWith('169.254.')).map((i) => ({ name, address: i.address })),
  );
  // A stable sort: within a rank, the order the system lists them.
  return found.sort((x, y) => rank(x.name, x.address) - rank(y.name, y.address)).map((f) => f.address);
}
