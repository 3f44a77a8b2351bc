using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;

namespace DataBridge.Testing.Diode;

/// <summary>
/// Two network namespaces joined by a veth pair, like an edge host and an IT host on either side of a diode: the sender
/// side ("s") and the receiver side ("r"), with static neighbour entries (a diode passes no ARP replies). Names are
/// unique per instance; disposing deletes both namespaces, which removes the veth pair and every nftables table in
/// them, whatever state the test left.
/// </summary>
public sealed partial class NetworkNamespacePair : IDisposable
{
    private const int CloneNewNet = 0x40000000;

    private NetworkNamespacePair(string id)
    {
        Sender = $"dbds{id}";
        Receiver = $"dbdr{id}";
        SenderInterface = $"vds{id}";
        ReceiverInterface = $"vdr{id}";
        var subnet = Random.Shared.Next(0, 250);
        SenderAddress = IPAddress.Parse($"10.213.{subnet}.1");
        ReceiverAddress = IPAddress.Parse($"10.213.{subnet}.2");
    }

    public string Sender { get; }

    public string Receiver { get; }

    public string SenderInterface { get; }

    public string ReceiverInterface { get; }

    public IPAddress SenderAddress { get; }

    public IPAddress ReceiverAddress { get; }

    /// <summary>Creates the pair; throws with the reason (not root, no <c>ip</c>) where namespaces cannot be created.</summary>
    public static NetworkNamespacePair Create()
    {
        var pair = new NetworkNamespacePair(Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant());
        try
        {
            Run("ip", $"netns add {pair.Sender}");
            Run("ip", $"netns add {pair.Receiver}");
            Run("ip", $"link add {pair.SenderInterface} netns {pair.Sender} type veth peer name {pair.ReceiverInterface} netns {pair.Receiver}");
            foreach (var (ns, dev, address) in new[] { (pair.Sender, pair.SenderInterface, pair.SenderAddress), (pair.Receiver, pair.ReceiverInterface, pair.ReceiverAddress) })
            {
                Run("ip", $"-n {ns} addr add {address}/30 dev {dev}");
                Run("ip", $"-n {ns} link set {dev} up");
                Run("ip", $"-n {ns} link set lo up");
            }

            // A diode passes no ARP reply: each side knows the other's MAC statically.
            Run("ip", $"-n {pair.Sender} neigh replace {pair.ReceiverAddress} lladdr {pair.Mac(pair.Receiver, pair.ReceiverInterface)} dev {pair.SenderInterface} nud permanent");
            Run("ip", $"-n {pair.Receiver} neigh replace {pair.SenderAddress} lladdr {pair.Mac(pair.Sender, pair.SenderInterface)} dev {pair.ReceiverInterface} nud permanent");
            return pair;
        }
        catch
        {
            pair.Dispose();
            throw;
        }
    }

    /// <summary>nftables on the sender side: every frame arriving at its interface (IP, ARP, anything) is counted and dropped.</summary>
    public void DropEverythingInboundOnSender() =>
        Nft(Sender, $"table netdev diode_oneway {{\n chain ingress {{\n  type filter hook ingress device \"{SenderInterface}\" priority 0\n  counter drop\n }}\n}}\n");

    /// <summary>Packets the sender side's drop-all rule has dropped.</summary>
    public long SenderDroppedPackets() => Counter(Sender, "netdev diode_oneway ingress");

    /// <summary>nftables on the receiver side: drops datagrams to <paramref name="port"/> where <paramref name="condition"/> holds (e.g. <c>numgen random mod 100 &lt; 5</c>).</summary>
    public void DropOnReceiver(int port, string condition) =>
        Nft(Receiver, $"table inet diode_loss {{\n chain input {{\n  type filter hook input priority 0\n  udp dport {port} {condition} counter drop\n }}\n}}\n");

    /// <summary>Datagrams the receiver-side loss rule dropped.</summary>
    public long ReceiverDroppedPackets() => Counter(Receiver, "inet diode_loss input");

    /// <summary>A UDP socket created inside the receiver's namespace (setns on a throwaway thread; a socket keeps the namespace it was created in) and bound to <paramref name="port"/>.</summary>
    public Socket BindUdpInReceiver(int port) => InNamespace(Receiver, () =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(ReceiverAddress, port));
        return socket;
    });

    /// <summary>Sends one UDP datagram from the receiver's side to the sender's address: the "reply" a diode makes impossible.</summary>
    public void SendFromReceiverToSender(int port) => InNamespace(Receiver, () =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SendTo("any reply"u8, new IPEndPoint(SenderAddress, port));
        return 0;
    });

    public void Dispose()
    {
        TryRun("ip", $"netns del {Sender}");
        TryRun("ip", $"netns del {Receiver}");
    }

    private string Mac(string ns, string dev)
    {
        var text = Run("ip", $"-n {ns} link show {dev}");
        return MacPattern().Match(text) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No MAC address in: {text}");
    }

    private static void Nft(string ns, string rules)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "netns", "exec", ns, "nft", "-f", "-" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        process.StandardInput.Write(rules);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"nft in {ns} failed ({error.Trim()}): {rules}. Install nftables (apt-get install nftables).");
        }
    }

    private static long Counter(string ns, string chain)
    {
        var text = Run("ip", $"netns exec {ns} nft list chain {chain}");
        return CounterPattern().Match(text) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"No counter in: {text}");
    }

    private static T InNamespace<T>(string ns, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                // setns changes only this thread's network namespace; the thread ends afterwards, so no pool thread is affected.
                using var target = File.OpenHandle($"/var/run/netns/{ns}");
                if (SetNs(target, CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns into {ns} failed: errno {Marshal.GetLastPInvokeError()}.");
                }

                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException($"In namespace {ns}: {failure.Message}", failure);
    }

    private static string Run(string file, string arguments)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Cannot start {file}.");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed: {error.Trim()} (network namespaces need root and iproute2).");
        }

        return output;
    }

    private static void TryRun(string file, string arguments)
    {
        try
        {
            Run(file, arguments);
        }
        catch (InvalidOperationException)
        {
        }
    }

    // DllImport, not LibraryImport: the generated marshaller needs unsafe code, which this project does not allow.
#pragma warning disable SYSLIB1054, CA5392
    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNs(SafeFileHandle fd, int nstype);
#pragma warning restore SYSLIB1054, CA5392

    [GeneratedRegex(@"link/ether ([0-9a-f:]{17})")]
    private static partial Regex MacPattern();

    [GeneratedRegex(@"counter packets (\d+)")]
    private static partial Regex CounterPattern();
}
