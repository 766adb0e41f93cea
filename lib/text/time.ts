// One time format for the whole site: UTC to the minute, the same in every locale and on server and client.

export function formatTime(iso: string | Date): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDate(iso: string | Date): string {
  return new Date(iso).toISOString().slice(0, 10);
}
