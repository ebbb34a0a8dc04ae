// Python files bundled as text (esbuild's text loader): the snippet Loss Lens evaluates in a debuggee.
declare module '*.py' {
  const text: string;
  export default text;
}
