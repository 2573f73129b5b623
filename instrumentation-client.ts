// Runs in the browser before the app's own modules. zod 4 compiles object schemas with `new Function`
// when it may; probing for that is an eval the Content Security Policy blocks (and reports as a
// violation). Parsing without the compiled fast path is plenty fast for forms and URL state.
import { z } from "zod";

z.config({ jitless: true });
