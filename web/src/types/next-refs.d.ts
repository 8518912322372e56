// What next-env.d.ts provides, without the imports of generated .next/types files that `next build`
// adds to it: `tsc -p web/tsconfig.json` must pass on a fresh checkout with no .next directory.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
