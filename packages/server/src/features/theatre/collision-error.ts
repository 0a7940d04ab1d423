import { AppError } from '../../core/app-error.js';
import { wallClock } from '@gisurg/contracts';
import type { Collision } from './overlap.js';

/** 409 CONFLICT with `details.collisions` (each names the room, person or equipment and the other booking). */
export function collisionConflict(collisions: Collision[], timeZone: string): AppError {
  const summary = collisions
    .map((c) => {
      const s = wallClock(new Date(c.start), timeZone);
      const e = wallClock(new Date(c.end), timeZone);
      return `${c.name} ${s.date} ${s.time}–${e.date === s.date ? '' : `${e.date} `}${e.time}`;
    })
    .join('; ');
  return new AppError('CONFLICT', 'theatre.errors.collision', { collisions }, { summary });
}
