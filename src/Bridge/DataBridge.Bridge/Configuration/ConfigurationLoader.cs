using DataBridge.Bridge.Configuration.Binding;
using DataBridge.Bridge.Configuration.Yaml;
using DataBridge.Configuration;
using DataBridge.Connectors.OpcUa.Security.Identity;

namespace DataBridge.Bridge.Configuration;

/// <summary>
/// Loads a bridge configuration from YAML (reference: docs/configuration.md). Everything is checked in one pass and
/// every problem is reported at once with <c>file:line:column</c>.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>Files larger than this are refused: a configuration for thousands of tags stays far below.</summary>
    public const int MaxFileBytes = 8 * 1024 * 1024;

    /// <summary>Reads and resolves the configuration file at <paramref name="path"/>.</summary>
    /// <param name="path">The file; errors name it as given (relative paths stay relative).</param>
    /// <returns>The resolved configuration; its <see cref="BridgeConfiguration.Warnings"/> lists non-fatal problems.</returns>
    /// <exception cref="ConfigurationException">The content is invalid; <see cref="ConfigurationException.Errors"/> lists every problem.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The process may not read the file.</exception>
    public static BridgeConfiguration Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The configuration file '{path}' does not exist; check the path (relative paths start at {Environment.CurrentDirectory}).", path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new ConfigurationException([new ConfigurationError(path, 0, 0, $"the file is {info.Length} bytes, more than the {MaxFileBytes} allowed; is it really a DataBridge configuration?")]);
        }

        var text = File.ReadAllText(path);
        return Parse(text, path, Environment.GetEnvironmentVariable, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses configuration text; <paramref name="fileName"/> names it in errors and anchors relative paths.</summary>
    /// <exception cref="ConfigurationException">The content is invalid; <see cref="ConfigurationException.Errors"/> lists every problem.</exception>
    public static BridgeConfiguration Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        var dir = Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? Environment.CurrentDirectory;
        return Parse(yaml, fileName, Environment.GetEnvironmentVariable, dir);
    }

    /// <summary>Parses with an explicit environment (tests) and base directory for relative paths.</summary>
    internal static BridgeConfiguration Parse(string yaml, string fileName, Func<string, string?> environment, string baseDirectory)
    {
        var d = new Diagnostics(fileName);
        if (yaml.Length > MaxFileBytes)
        {
            d.Error(new SourceLocation(fileName, 0, 0), $"the text is {yaml.Length} characters, more than the {MaxFileBytes} allowed");
            throw new ConfigurationException(d.Sorted());
        }

        var root = ConfigTreeBuilder.Build(yaml, d, new Substitution(environment, baseDirectory, SecretScalars.Find(yaml)));
        var config = d.ErrorCount == 0 || root is not null ? ConfigurationBinder.Bind(root, fileName, baseDirectory, d) : null;
        if (config is not null)
        {
            ResolveSecurityPaths(config, baseDirectory, d);
        }

        if (d.ErrorCount > 0 || config is null)
        {
            var all = d.Sorted();
            if (all.Count == 0 || all.All(e => e.Severity != ConfigurationSeverity.Error))
            {
                // Defensive: a failed bind always reports why; if not, say so rather than start half-configured.
                all = [.. all, new ConfigurationError(fileName, 0, 0, "the configuration could not be resolved")];
            }

            throw new ConfigurationException(all);
        }

        return config;
    }

    /// <summary>
    /// OPC UA security paths become absolute (relative ones are relative to the configuration file): the store
    /// defaults to <c>&lt;stateDir&gt;/pki</c>, <c>${file:...}</c> password files and user certificate files must exist.
    /// </summary>
    private static void ResolveSecurityPaths(BridgeConfiguration config, string baseDirectory, Diagnostics d)
    {
        foreach (var source in config.Sources)
        {
            if (source is not OpcUaSourceDefinition { Security: { } security } opcua)
            {
                continue;
            }

            var password = security.Password;
            if (password is { File: { } secretFile } && !Path.IsPathRooted(secretFile))
            {
                password = SecretReference.Parse($"${{file:{Path.GetFullPath(Path.Combine(baseDirectory, secretFile))}}}");
            }

            if (password is { File: { } file } && !File.Exists(file))
            {
                d.Error(opcua.Location, $"the password file '{file}' of source '{opcua.Id}' does not exist; create it (readable by the bridge's user only) or correct the path");
            }

            var certificate = Absolute(security.UserCertificateFile, baseDirectory);
            if (certificate is not null && !File.Exists(certificate))
            {
                d.Error(opcua.Location, $"the user certificate '{certificate}' of source '{opcua.Id}' does not exist; correct the path");
            }

            opcua.Security = security with
            {
                PkiDirectory = Absolute(security.PkiDirectory, baseDirectory) ?? Path.Combine(config.StateDirectory, "pki"),
                Password = password,
                UserCertificateFile = certificate,
                UserKeyFile = Absolute(security.UserKeyFile, baseDirectory),
            };
        }
    }

    private static string? Absolute(string? path, string baseDirectory) =>
        path is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, path));
}
