export function phonePage(): string {
  return "<!doctype html><title>phone</title>";
}
