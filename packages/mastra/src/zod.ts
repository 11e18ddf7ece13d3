// The one place this package imports Zod from. `zod/v4` resolves on zod 3.25+ and on 4.x alike.
export { z } from 'zod/v4';
