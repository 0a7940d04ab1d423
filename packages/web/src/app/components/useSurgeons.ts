import { useHomeUsers } from './useHomeUsers';

/** Doctors who can be the attending surgeon (home hospital, active). */
export function useSurgeons() {
  return useHomeUsers().filter((u) => u.role === 'surgeon' || u.role === 'department_head' || u.role === 'resident');
}
