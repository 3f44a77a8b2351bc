using System.Security.Cryptography;
using System.Text;

namespace DataBridge.Diode.Datagrams;

/// <summary>
/// The pre-shared secret both ends of the diode hold. Only a derived key is kept (HKDF-SHA256 with a label naming this
/// format version, RFC 5869), so the same file could later key another algorithm without reusing a key across two.
/// <see cref="ToString"/> and <see cref="Fingerprint"/> never reveal key bytes.
/// </summary>
public sealed class DiodeKey
{
    /// <summary>Fewest key bytes accepted: 32 (256 bits), HMAC-SHA256's output length (RFC 2104 §3 advises no less).</summary>
    public const int MinLength = 32;

    /// <summary>Most key bytes accepted; a larger file is almost certainly the wrong file.</summary>
    public const int MaxLength = 1024;

    // The HKDF "info" label: binding the derived key to this use and version.
    private static readonly byte[] MacLabel = "DataBridge diode v1 datagram HMAC-SHA256"u8.ToArray();
    private static readonly byte[] FingerprintLabel = "DataBridge diode v1 key fingerprint"u8.ToArray();

    private readonly byte[] _macKey;

    private DiodeKey(ReadOnlySpan<byte> material, string? path, UnixFileMode? mode)
    {
        _macKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, material.ToArray(), 32, [], MacLabel);
        var print = HKDF.DeriveKey(HashAlgorithmName.SHA256, material.ToArray(), 8, [], FingerprintLabel);
        Fingerprint = Convert.ToHexStringLower(print);
        Path = path;
        FileMode = mode;
    }

    /// <summary>
    /// 16 hex digits derived from the key (not from the key bytes directly): log it on both sides; if they differ,
    /// the two ends hold different keys and every datagram will fail authentication.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The file the key was read from, if any.</summary>
    public string? Path { get; }

    /// <summary>The key file's Unix permissions (null on Windows or when the key did not come from a file).</summary>
    public UnixFileMode? FileMode { get; }

    /// <summary>True when the key file grants any permission to group or others (anything but owner-only).</summary>
    public bool IsAccessibleByOthers =>
        FileMode is { } mode && (mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0;

    /// <summary>A warning for the log when the file is readable beyond its owner; null when permissions are owner-only.</summary>
    public string? PermissionWarning => IsAccessibleByOthers
        ? $"Diode key file {Path} has permissions {Convert.ToString((int)FileMode!.Value, 8)}: anyone who can read it can inject records. Run: chmod 600 {Path}"
        : null;

    /// <summary>The derived HMAC key (for <see cref="DatagramAuthenticator"/>).</summary>
    internal ReadOnlySpan<byte> MacKey => _macKey;

    /// <summary>Makes a key from raw bytes (at least <see cref="MinLength"/>).</summary>
    /// <exception cref="DiodeKeyException">Too short or too long.</exception>
    public static DiodeKey FromBytes(ReadOnlySpan<byte> material)
    {
        CheckLength(material.Length, null);
        return new DiodeKey(material, null, null);
    }

    /// <summary>
    /// Loads the key from a file holding either hex text (<c>openssl rand -hex 32 &gt; diode.key</c>; surrounding
    /// whitespace ignored) or raw bytes (<c>head -c 32 /dev/urandom &gt; diode.key</c>).
    /// </summary>
    /// <exception cref="DiodeKeyException">The file is missing, unreadable, too short or too long.</exception>
    public static DiodeKey Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        UnixFileMode? mode;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new DiodeKeyException(path, $"Diode key file {path} does not exist. Create the same key on both sides, e.g. `openssl rand -hex 32 > {path}; chmod 600 {path}`, and copy it to the other side out of band.");
            }

            // Checked before reading so a wrong path (a log, a disk image) is not loaded into memory.
            if (info.Length > (2 * MaxLength) + 2)
            {
                throw new DiodeKeyException(path, $"Diode key file {path} has {info.Length} bytes, more than a key of at most {MaxLength} bytes can take: is it the right file?");
            }

            bytes = File.ReadAllBytes(path);
            mode = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiodeKeyException(path, $"Diode key file {path} cannot be read ({e.GetType().Name}: {e.Message}); the process needs read access to it.", e);
        }

        var material = TryDecodeHex(bytes) ?? bytes;
        try
        {
            CheckLength(material.Length, path);
            return new DiodeKey(material, path, mode);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>Shows the fingerprint only.</summary>
    public override string ToString() => $"diode key {Fingerprint}";

    private static void CheckLength(int length, string? path)
    {
        var where = path is null ? "The diode key" : $"Diode key file {path}";
        if (length < MinLength)
        {
            throw new DiodeKeyException(path, $"{where} holds {length} bytes; at least {MinLength} are needed (e.g. `openssl rand -hex 32`).");
        }

        if (length > MaxLength)
        {
            throw new DiodeKeyException(path, $"{where} holds {length} bytes, more than the {MaxLength} accepted: is it the right file?");
        }
    }

    // Hex text is what operators generate and copy; raw random bytes are almost never all hex digits, so the two are not
    // confused in practice (an all-hex raw file would just be read as half as many key bytes, and fail on both sides alike).
    private static byte[]? TryDecodeHex(byte[] bytes)
    {
        var text = Encoding.ASCII.GetString(bytes).Trim();
        if (text.Length == 0 || text.Length % 2 != 0)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return null;
            }
        }

        return Convert.FromHexString(text);
    }
}
