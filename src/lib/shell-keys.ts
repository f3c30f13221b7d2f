/** Query keys the shell owns; a page that changes what they show invalidates them. */
export const shellKeys = {
  all: ['shell'] as const,
  /** Per API base: a host with two mounts asks each. */
  mode: (base: string) => [...shellKeys.all, 'mode', base] as const,
};
