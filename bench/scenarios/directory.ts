// `npm run bench -- directory`: the directory's import, search and HSDS API (bench/directory.ts).
export { default } from "../directory";
