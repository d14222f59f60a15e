// The one part of jStat the insights use (the package ships no types). It is CommonJS: its
// module.exports is the default export.
declare module 'jstat' {
  const jstat: {
    jStat: { studentt: { cdf(x: number, dof: number): number } };
  };
  export default jstat;
}
