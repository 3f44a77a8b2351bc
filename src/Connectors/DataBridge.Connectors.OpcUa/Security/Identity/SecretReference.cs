using System.Text.RegularExpressions;

namespace DataBridge.Connectors.OpcUa.Security.Identity;

/// <summary>
/// Where a secret (a password) comes from: <c>${NAME}</c> (an environment variable) or <c>${file:/path}</c> (the
/// first line of a file). A secret written literally is refused by <see cref="TryParse"/>, so it never sits in a
/// configuration file. <see cref="ToString"/> prints the reference, never the value; the value is read only by
/// <see cref="Resolve"/>, at the moment it is needed.
/// </summary>
public readonly partial record struct SecretReference
{
    private SecretReference(string reference, string? environmentVariable, string? file)
    {
        Reference = reference;
        EnvironmentVariable = environmentVariable;
        File = file;
    }

    /// <summary>The reference as written, e.g. <c>${PLC_PASSWORD}</c>.</summary>
    public string Reference { get; }

    /// <summary>The environment variable, or null.</summary>
    public string? EnvironmentVariable { get; }

    /// <summary>The file, or null.</summary>
    public string? File { get; }

    /// <summary>
    /// Parses a reference; false with a message (that does not repeat <paramref name="text"/>, which may be a
    /// literal password) when it is not <c>${NAME}</c> or <c>${file:/path}</c>.
    /// </summary>
    public static bool TryParse(string? text, out SecretReference reference, out string? error)
    {
        reference = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is null || !match.Success)
        {
            error = "a secret must be a reference, not the secret itself: write ${ENV_VARIABLE} or ${file:/path/to/file} (literal passwords are refused so they never sit in a configuration file)";
            return false;
        }

        var body = match.Groups[1].Value;
        if (body.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = body[5..];
            if (path.Length == 0)
            {
                error = "${file:...} needs a path, e.g. ${file:/etc/databridge/plc-password}";
                return false;
            }

            reference = new SecretReference(text!.Trim(), null, path);
        }
        else if (EnvironmentName().IsMatch(body))
        {
            reference = new SecretReference(text!.Trim(), body, null);
        }
        else
        {
            error = "${...} must name an environment variable (letters, digits, '_') or be ${file:/path}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Parses a reference; throws <see cref="FormatException"/> with the reason otherwise.</summary>
    public static SecretReference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference : throw new FormatException(error);

    /// <summary>
    /// Reads the secret now. Throws <see cref="InvalidOperationException"/> naming the variable or file (never the
    /// value) when it is unset, empty or unreadable.
    /// </summary>
    public string Resolve()
    {
        if (EnvironmentVariable is { } name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(value)
                ? throw new InvalidOperationException($"the environment variable {name} (referenced as {Reference}) is not set or empty")
                : value;
        }

        if (File is { } path)
        {
            string content;
            try
            {
                content = System.IO.File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"the secret file '{path}' cannot be read ({ex.GetType().Name})");
            }

            // The first line: editors and `echo` add a trailing newline that is not part of the password.
            var line = content.Split('\n', 2)[0].TrimEnd('\r');
            return line.Length == 0 ? throw new InvalidOperationException($"the secret file '{path}' is empty") : line;
        }

        throw new InvalidOperationException("no secret reference was given");
    }

    /// <inheritdoc />
    public override string ToString() => Reference ?? string.Empty;

    [GeneratedRegex(@"^\$\{([^}]*)\}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentName();
}
