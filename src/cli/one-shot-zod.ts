/**
 * Sets zod up for a process that parses each schema a few times and exits. zod compiles a fast
 * path for every object schema (decided when the schema is built), which costs more than it saves
 * in a one-shot command: about 20 ms of `esplan recommend --json` (measured with --cpu-prof).
 * Imported for its effect, before any module that builds a schema (see entry.ts).
 */
import { z } from 'zod';

z.config({ jitless: true });
