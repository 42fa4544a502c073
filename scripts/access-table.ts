// npm run access:table — prints the access table of src/access.ts as Markdown (SECURITY.md "The access table").
import { accessTableMarkdown } from '../src/access.js';

process.stdout.write(`${accessTableMarkdown()}\n`);
