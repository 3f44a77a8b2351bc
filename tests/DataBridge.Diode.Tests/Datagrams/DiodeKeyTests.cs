using DataBridge.Diode.Datagrams;

namespace DataBridge.Diode.Tests.Datagrams;

public sealed class DiodeKeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("diode-key-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string File(string name, byte[] content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllBytes(path, content);
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, mode);
        }

        return path;
    }

    private static byte[] Raw(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 200)).ToArray();

    [Fact]
    public void A_missing_key_file_is_reported_with_its_path_and_how_to_create_one()
    {
        var path = Path.Combine(_dir, "absent.key");
        var e = Assert.Throws<DiodeKeyException>(() => DiodeKey.Load(path));
        Assert.Equal(path, e.KeyPath);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -hex 32", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_key_of_31_bytes_is_too_short(bool hex)
    {
        var content = hex ? System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(Raw(31)) + "\n") : Raw(31);
        var e = Assert.Throws<DiodeKeyException>(() => DiodeKey.Load(File("short.key", content)));
        Assert.Contains("holds 31 bytes; at least 32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_far_larger_than_a_key_is_refused_before_it_is_read()
    {
        var e = Assert.Throws<DiodeKeyException>(() => DiodeKey.Load(File("huge.key", new byte[100_000])));
        Assert.Contains("right file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hex_text_and_raw_bytes_of_the_same_key_are_the_same_key()
    {
        var raw = Raw(32);
        var fromRaw = DiodeKey.Load(File("raw.key", raw));
        var fromHex = DiodeKey.Load(File("hex.key", System.Text.Encoding.ASCII.GetBytes("  " + Convert.ToHexStringLower(raw) + "\n")));
        Assert.Equal(fromRaw.Fingerprint, fromHex.Fingerprint);
        Assert.Equal(DiodeKey.FromBytes(raw).Fingerprint, fromRaw.Fingerprint);
        Assert.NotEqual(DiodeKey.FromBytes(Raw(33)).Fingerprint, fromRaw.Fingerprint);

        var header = new DatagramHeader(DatagramKind.Heartbeat, 1, 1, 0, 0, 0, 0, 0);
        var bytes = DatagramRoundTripTests.Write(header, [], new DatagramAuthenticator(fromRaw));
        Assert.True(DatagramReader.TryRead(bytes, new DatagramAuthenticator(fromHex), out _, out _));
    }

    [Fact]
    public void A_key_file_readable_by_group_or_others_is_flagged_with_the_fix()
    {
        if (OperatingSystem.IsWindows())
        {
            // Unix permissions only; Windows ACLs are not inspected (FileMode is null there).
            return;
        }

        var open = DiodeKey.Load(File("open.key", Raw(32), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead));
        Assert.True(open.IsAccessibleByOthers);
        Assert.Contains("644", open.PermissionWarning, StringComparison.Ordinal);
        Assert.Contains("chmod 600", open.PermissionWarning, StringComparison.Ordinal);

        var closed = DiodeKey.Load(File("closed.key", Raw(32)));
        Assert.False(closed.IsAccessibleByOthers);
        Assert.Null(closed.PermissionWarning);
    }

    [Fact]
    public void The_key_shows_only_its_fingerprint()
    {
        var raw = Raw(32);
        var key = DiodeKey.FromBytes(raw);
        Assert.Matches("^diode key [0-9a-f]{16}$", key.ToString());
        Assert.DoesNotContain(Convert.ToHexStringLower(raw)[..8], key.ToString(), StringComparison.Ordinal);
    }
}
