namespace DataBridge.Configuration.Yaml;

/// <summary>Rewrites a value as written into the value used (the bridge's <c>${VAR}</c> / <c>${file:...}</c> substitution).</summary>
/// <param name="raw">The scalar as written in the file.</param>
/// <param name="error">When the result is null: what is wrong and what to do, without any substituted (secret) text.</param>
/// <returns>The value to use, or null when it cannot be produced (the error is reported at the scalar's position).</returns>
public delegate string? ScalarExpander(string raw, out string? error);
