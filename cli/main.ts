/** Entry point of `reward-playground` (see program.ts). */
import { main } from './program';

await main(process.argv);
