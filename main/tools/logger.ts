/**
 * Where faults the user or developer must see are reported. Declared at the bottom of main/ so
 * tools and the agent can log without importing the server, which supplies the implementations.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
