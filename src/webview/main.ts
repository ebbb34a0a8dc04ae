// The Loss Explorer webview app. Its UI arrives with the panel; the bundle exists so the build
// path is proven from the start.
export {};
