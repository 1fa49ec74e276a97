// A new paper folder (`paperlab new`) and the whole-folder check (`paperlab validate`).
export { scaffoldPaper, type ScaffoldOptions, type ScaffoldResult } from './scaffold';
export { checkPaperFolder, checkRunOverrides } from './check-folder';
