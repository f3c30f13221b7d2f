/** Query keys the shell owns; a page that changes what they show invalidates them. */
export const shellKeys = {
  all: ['shell'] as const,
  mode: () => [...shellKeys.all, 'mode'] as const,
};
