// npm run access:table — prints the access table of src/access.ts as Markdown (README "Security").
import { accessTableMarkdown } from '../src/access.js';

process.stdout.write(`${accessTableMarkdown()}\n`);
