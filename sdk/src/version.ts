/** The version of this SDK; plugins declare a semver range (`sdk`) that must include it. Kept equal to package.json by a test. */
export const SDK_VERSION = '1.0.0';
