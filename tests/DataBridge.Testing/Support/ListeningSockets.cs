using System.Globalization;
using System.Net;

namespace DataBridge.Testing.Support;

/// <summary>A socket bound by a process, as the kernel lists it in /proc/net.</summary>
/// <param name="Protocol">tcp, tcp6, udp or udp6.</param>
/// <param name="Address">The local address.</param>
/// <param name="Port">The local port.</param>
/// <param name="Listening">True for a TCP socket in LISTEN state, or any bound UDP socket (UDP receives on its bound address).</param>
public sealed record BoundSocket(string Protocol, IPAddress Address, int Port, bool Listening)
{
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    public override string ToString() => $"{Protocol} {Address}:{Port}{(Listening ? " LISTEN" : "")}";
}

/// <summary>
/// Reads which sockets a process owns: its file descriptors name socket inodes, /proc/PID/net/{tcp,tcp6,udp,udp6}
/// map inodes to local addresses and states. This is what `ss -lptn` does, without needing ss.
/// </summary>
public static class ListeningSockets
{
    public static IReadOnlyList<BoundSocket> Of(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target[8..^1]);
            }
        }

        var result = new List<BoundSocket>();
        foreach (var proto in new[] { "tcp", "tcp6", "udp", "udp6" })
        {
            var path = $"/proc/{pid}/net/{proto}";
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var line in File.ReadLines(path).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || !inodes.Contains(f[9]))
                {
                    continue;
                }

                var (addr, port) = ParseEndpoint(f[1]);
                var state = f[3];
                var listening = proto.StartsWith("udp", StringComparison.Ordinal) ? port != 0 && !IsConnectedUdp(f[2]) : state == "0A";
                result.Add(new BoundSocket(proto, addr, port, listening));
            }
        }

        return result;
    }

    private static bool IsConnectedUdp(string remote) => !remote.StartsWith("00000000000000000000000000000000:", StringComparison.Ordinal) && !remote.StartsWith("00000000:", StringComparison.Ordinal);

    private static (IPAddress Address, int Port) ParseEndpoint(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var hex = text[..colon];
        var port = int.Parse(text[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var bytes = Convert.FromHexString(hex);

        // The kernel prints each 32-bit word in host (little-endian) order.
        for (var i = 0; i < bytes.Length; i += 4)
        {
            Array.Reverse(bytes, i, 4);
        }

        return (new IPAddress(bytes), port);
    }
}
