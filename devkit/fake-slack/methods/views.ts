/** views.open, views.publish and views.update: accepted and recorded (tests read the recorded calls). */
import type { MethodHandler, MethodTable } from './types.js';

let views = 0;
const accept: MethodHandler = () => {
  views += 1;
  return { ok: true, view: { id: `V${views}` } };
};

export const viewMethods: MethodTable = {
  'views.open': accept,
  'views.publish': accept,
  'views.update': accept,
};
