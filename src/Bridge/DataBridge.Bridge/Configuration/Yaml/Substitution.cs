using System.Text;

namespace DataBridge.Bridge.Configuration.Yaml;

/// <summary>
/// Expands <c>${NAME}</c>, <c>${NAME:-default}</c> (default when unset or empty, as in POSIX sh) and
/// <c>${file:path}</c> (the file's content without its trailing newline: Docker/Kubernetes secrets) in scalar values;
/// <c>$$</c> is a literal <c>$</c>. Messages name the variable or file, never the value.
/// OPC UA passwords (<see cref="SecretScalars"/>) are not expanded: they stay references until they are used.
/// </summary>
internal sealed class Substitution
{
    private const int MaxSecretFileBytes = 64 * 1024;
    private readonly Func<string, string?> _environment;
    private readonly string _baseDirectory;
    private readonly IReadOnlySet<string> _secretReferences;

    /// <param name="environment">Looks up environment variables.</param>
    /// <param name="baseDirectory">Anchors relative <c>${file:...}</c> paths.</param>
    /// <param name="secretReferences">
    /// Texts written as secrets (from <see cref="SecretScalars.Find"/>): never expanded, wherever they appear, so a
    /// secret cannot reach the tree by being reused under another key either.
    /// </param>
    public Substitution(Func<string, string?> environment, string baseDirectory, IReadOnlySet<string>? secretReferences = null)
    {
        _environment = environment;
        _baseDirectory = baseDirectory;
        _secretReferences = secretReferences ?? new HashSet<string>();
    }

    /// <summary>Returns the expanded text, or <paramref name="raw"/> itself when there is nothing to expand; null and an error when it fails.</summary>
    public string? Expand(string raw, out string? error)
    {
        error = null;
        if (raw.IndexOf('$', StringComparison.Ordinal) < 0 || _secretReferences.Contains(raw))
        {
            return raw;
        }

        var sb = new StringBuilder(raw.Length);
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c != '$' || i + 1 >= raw.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }

            var next = raw[i + 1];
            if (next == '$')
            {
                sb.Append('$');
                i += 2;
                continue;
            }

            if (next != '{')
            {
                sb.Append(c);
                i++;
                continue;
            }

            var close = raw.IndexOf('}', i + 2);
            if (close < 0)
            {
                error = $"'${{' at offset {i} is not closed; write ${{NAME}}, ${{NAME:-default}} or ${{file:path}} (or $$ for a literal $)";
                return null;
            }

            var body = raw.AsSpan(i + 2, close - i - 2).ToString();
            var value = Resolve(body, out error);
            if (value is null)
            {
                return null;
            }

            sb.Append(value);
            i = close + 1;
        }

        return sb.ToString();
    }

    private string? Resolve(string body, out string? error)
    {
        error = null;
        if (body.StartsWith("file:", StringComparison.Ordinal))
        {
            return ReadFile(body[5..].Trim(), out error);
        }

        var sep = body.IndexOf(":-", StringComparison.Ordinal);
        var name = sep < 0 ? body : body[..sep];
        if (!IsValidName(name))
        {
            error = $"'${{{body}}}' is not a valid substitution; write ${{NAME}} or ${{NAME:-default}} with NAME made of letters, digits and _, or ${{file:path}}";
            return null;
        }

        var value = _environment(name);
        if (sep >= 0)
        {
            return string.IsNullOrEmpty(value) ? body[(sep + 2)..] : value;
        }

        if (value is null)
        {
            error = $"environment variable '{name}' is not set; set it, or give a default with ${{{name}:-value}}";
            return null;
        }

        return value;
    }

    private string? ReadFile(string path, out string? error)
    {
        error = null;
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            error = "'${file:...}' names no usable file; write ${file:/run/secrets/name}";
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(_baseDirectory, path));
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                error = $"secret file '{path}' does not exist (looked at {full}); create it or correct the path";
                return null;
            }

            if (info.Length > MaxSecretFileBytes)
            {
                error = $"secret file '{path}' is larger than {MaxSecretFileBytes} bytes; it should hold only the secret";
                return null;
            }

            return File.ReadAllText(full).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"secret file '{path}' cannot be read ({ex.GetType().Name}); check its permissions";
            return null;
        }
    }

    private static bool IsValidName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var ch in name)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch != '_')
            {
                return false;
            }
        }

        return true;
    }
}
