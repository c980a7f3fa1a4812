# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ciliumrs_global_optspecs
    string join \n bpffs= o/output= color= cilium-version= wait= h/help V/version
end

function __fish_ciliumrs_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ciliumrs_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ciliumrs_using_subcommand
    set -l cmd (__fish_ciliumrs_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "init" -d 'Bring a node up: global maps, cilium_host/cilium_net, cilium_vxlan, device programs'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "attach" -d 'Load our programs and attach them to a device or endpoint'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "detach" -d 'Remove exactly what `attach` made'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "status" -d 'Devices and the programs on their hooks, socket programs on the cgroup root, endpoints, maps with their fill level'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "reset" -d 'Remove everything ciliumrs made on this node: endpoints, filters, devices, pins'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "bpf" -d 'Inspect and change the datapath\'s BPF maps'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "explain" -d 'What the datapath does with a flow from a local endpoint, and why, from the live maps'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "fleet" -d 'Run one ciliumrs command on many nodes (ssh, the lab, or a template) and merge'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "monitor" -d 'Stream drop/trace/debug/policy-verdict events from cilium_events'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "lab" -d 'A lab of nodes and pods made of network namespaces on this machine'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "service" -d 'Services as Cilium\'s `service list` shows them, rebuilt from the BPF maps'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c ciliumrs -n "__fish_ciliumrs_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l pod-cidr -d 'This node\'s pod CIDR (routes via cilium_host; keys of cilium_tunnel_map)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l ipv4-host -d 'The router address on cilium_host (default: the first address of --pod-cidr)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l mode -d 'How pods of other nodes are reached' -r -f -a "vxlan\t'Pods of other nodes through cilium_vxlan'
native\t'The underlying network routes pod addresses (not supported yet)'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l native-devs -d 'Native devices, comma separated, or \'none\' (default: the device of the default route)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l mtu -d 'MTU of the node\'s network (cilium_vxlan and pod routes get 50 less in vxlan mode)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l host-ep-id -d 'The host endpoint\'s id (cilium_calls_hostns_<ID>, cilium_policy_<ID>)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l health-netns -d 'Network namespace of the health endpoint' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l health-ipv4 -d 'Address of the health endpoint (default: the second address of --pod-cidr)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l health-ep-id -d 'Endpoint id of the health endpoint' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l cgroup-root -d 'cgroup v2 root of the socket load balancer\'s programs' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l host-lb -d 'Socket load balancer (bpf_sock.o) on the cgroup root: processes there reach services with the backend chosen at connect()/sendmsg()' -r -f -a "true\t''
false\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l host-lb-udp -d 'The socket load balancer takes UDP too (sendmsg/recvmsg hooks)' -r -f -a "true\t''
false\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l host-lb-peer -d 'getpeername() of a load-balanced socket shows the service address' -r -f -a "true\t''
false\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l node-port-bind -d 'Refuse bind() of host sockets to NodePort, ExternalIP and LoadBalancer frontends (EADDRINUSE)' -r -f -a "true\t''
false\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l node-port-range -d 'NodePort range (the socket LB maps NodePorts at node addresses to their service)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l node-port -d 'Serve NodePort, ExternalIP and LoadBalancer frontends to clients outside the node (from-netdev, from-overlay), SNAT to remote backends' -r -f -a "true\t''
false\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l snat-port-range -d 'Source ports of requests translated to a remote backend' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l node-port-addrs -d 'NodePort address of each native device, the SNAT source of requests routed on (default: the device\'s first IPv4 address)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l maps-only -d 'Only create and pin the global maps under <bpffs>/tc/globals'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l ipv6 -d 'With --maps-only: the IPv6 halves too (cilium_ct6_global, cilium_lb6_*, cilium_snat_v6_external, ...) in Cilium v1.16\'s specs, for a dual-stack node\'s tools; the datapath stays IPv4'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l force -d 'Even where a Cilium agent\'s sockets exist (it owns this node\'s maps and devices)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l no-trace -d 'No trace notifications from host and overlay programs'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -l no-health -d 'No health endpoint (lxc_health)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand init" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and not __fish_seen_subcommand_from lxc host netdev help" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and not __fish_seen_subcommand_from lxc host netdev help" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and not __fish_seen_subcommand_from lxc host netdev help" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and not __fish_seen_subcommand_from lxc host netdev help" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and not __fish_seen_subcommand_from lxc host netdev help" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and not __fish_seen_subcommand_from lxc host netdev help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and not __fish_seen_subcommand_from lxc host netdev help" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and not __fish_seen_subcommand_from lxc host netdev help" -f -a "lxc" -d 'An endpoint (pod): from-container on its host-side veth, its tail calls, its policy program in cilium_call_policy[EPID], its cilium_lxc and cilium_ipcache entries'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and not __fish_seen_subcommand_from lxc host netdev help" -f -a "host" -d 'The host: to-host and from-host on cilium_host, to-host on cilium_net'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and not __fish_seen_subcommand_from lxc host netdev help" -f -a "netdev" -d 'A native device: from-netdev (ingress) and to-netdev (egress)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and not __fish_seen_subcommand_from lxc host netdev help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -l id -d 'Endpoint id (1-65535)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -l ipv4 -d 'Endpoint IPv4 address' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -l identity -d 'Endpoint security identity' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -l mac -d 'MAC of the endpoint\'s own (pod-side) interface (default: asked of the veth\'s peer)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -l enforce -d 'Policy enforcement: without it a direction allows everything' -r -f -a "none\t''
ingress\t''
egress\t''
both\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -l pod-cidr-len -d 'Prefix length of the pod CIDRs (keys of cilium_tunnel_map)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -l no-trace -d 'No trace notifications at forwarding points (drops are always reported)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from lxc" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -l host-ep-id -d 'The host endpoint\'s id' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -l pod-cidr-len -d 'Prefix length of the pod CIDRs (keys of cilium_tunnel_map)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -l node-port -d 'Serve NodePort, ExternalIP and LoadBalancer frontends to clients outside the node (from-netdev, from-overlay), SNAT to remote backends' -r -f -a "true\t''
false\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -l snat-port-range -d 'Source ports of requests translated to a remote backend' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -l node-port-addrs -d 'NodePort address of each native device, the SNAT source of requests routed on (default: the device\'s first IPv4 address)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -l no-trace -d 'No trace notifications'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from host" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -l host-ep-id -d 'The host endpoint\'s id' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -l pod-cidr-len -d 'Prefix length of the pod CIDRs (keys of cilium_tunnel_map)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -l node-port -d 'Serve NodePort, ExternalIP and LoadBalancer frontends to clients outside the node (from-netdev, from-overlay), SNAT to remote backends' -r -f -a "true\t''
false\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -l snat-port-range -d 'Source ports of requests translated to a remote backend' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -l node-port-addrs -d 'NodePort address of each native device, the SNAT source of requests routed on (default: the device\'s first IPv4 address)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -l no-trace -d 'No trace notifications'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from netdev" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from help" -f -a "lxc" -d 'An endpoint (pod): from-container on its host-side veth, its tail calls, its policy program in cilium_call_policy[EPID], its cilium_lxc and cilium_ipcache entries'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from help" -f -a "host" -d 'The host: to-host and from-host on cilium_host, to-host on cilium_net'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from help" -f -a "netdev" -d 'A native device: from-netdev (ingress) and to-netdev (egress)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand attach; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and not __fish_seen_subcommand_from lxc netdev help" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and not __fish_seen_subcommand_from lxc netdev help" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and not __fish_seen_subcommand_from lxc netdev help" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and not __fish_seen_subcommand_from lxc netdev help" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and not __fish_seen_subcommand_from lxc netdev help" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and not __fish_seen_subcommand_from lxc netdev help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and not __fish_seen_subcommand_from lxc netdev help" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and not __fish_seen_subcommand_from lxc netdev help" -f -a "lxc" -d 'An endpoint: its filter, tail calls, policy program, map entries and pins'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and not __fish_seen_subcommand_from lxc netdev help" -f -a "netdev" -d 'A native device: our two filters and its calls map'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and not __fish_seen_subcommand_from lxc netdev help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from lxc" -l id -d 'Endpoint id (1-65535)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from lxc" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from lxc" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from lxc" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from lxc" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from lxc" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from lxc" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from lxc" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from netdev" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from netdev" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from netdev" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from netdev" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from netdev" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from netdev" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from netdev" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from help" -f -a "lxc" -d 'An endpoint: its filter, tail calls, policy program, map entries and pins'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from help" -f -a "netdev" -d 'A native device: our two filters and its calls map'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand detach; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand status" -l cgroup-root -d 'cgroup v2 root of the socket load balancer\'s programs' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand status" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand status" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand status" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand status" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand status" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand status" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand reset" -l health-netns -d 'Network namespace of the health endpoint, removed too' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand reset" -l cgroup-root -d 'cgroup v2 root of the socket load balancer\'s programs' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand reset" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand reset" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand reset" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand reset" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand reset" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand reset" -l force -d 'Even where a Cilium agent\'s sockets exist'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand reset" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "maps" -d 'List every cilium_* map pinned under tc/globals, with fill level and ABI check'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "ct" -d 'Connection tracking (cilium_ct4_global, cilium_ct_any4_global, and their IPv6 peers)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "ipcache" -d 'IP cache: prefix to identity and tunnel endpoint (cilium_ipcache, both families)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "lxc" -d 'Local endpoints (cilium_lxc)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "endpoint" -d 'Local endpoints (cilium_lxc)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "lb" -d 'Load balancer: services, backends, reverse NAT (cilium_lb4_*, cilium_lb6_*)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "tunnel" -d 'Tunnel endpoints of remote prefixes (cilium_tunnel_map)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "policy" -d 'Per-endpoint policy (cilium_policy_<EPID>)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "metrics" -d 'Datapath counters (cilium_metrics)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "nat" -d 'SNAT table (cilium_snat_v4_external, cilium_snat_v6_external)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "neigh" -d 'MACs of NodePort clients whose requests went on to remote backends (cilium_nodeport_neigh4, cilium_nodeport_neigh6)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "tailcall" -d 'Tail-call slots of endpoints and devices (cilium_calls_*, cilium_call_policy)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and not __fish_seen_subcommand_from maps ct ipcache lxc endpoint lb tunnel policy metrics nat neigh tailcall help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from maps" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from maps" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from maps" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from maps" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from maps" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from maps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from maps" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ct" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ct" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ct" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ct" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ct" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ct" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ct" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ct" -f -a "list" -d 'List flows, one line each in Cilium\'s format'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ct" -f -a "delete" -d 'Delete one flow, named as it prints: PROTO SRC:PORT DST:PORT (IPv6: [ADDR]:PORT)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ct" -f -a "flush" -d 'Delete every flow that matches the filters (all flows without filters)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ct" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -f -a "list" -d 'List prefixes (both families unless --family)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -f -a "get" -d 'Longest-prefix match for an address (IPv4 or IPv6)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -f -a "update" -d 'Add or replace a prefix: CIDR[@CLUSTER] (IPv4 or IPv6)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -f -a "delete" -d 'Delete a prefix'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from ipcache" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lxc" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lxc" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lxc" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lxc" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lxc" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lxc" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lxc" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lxc" -f -a "list" -d 'List local endpoints'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lxc" -f -a "get" -d 'Show the endpoint of an address (IPv4 or IPv6)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lxc" -f -a "update" -d 'Add or replace an endpoint address'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lxc" -f -a "delete" -d 'Delete an endpoint address'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lxc" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -f -a "list" -d 'List local endpoints'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -f -a "get" -d 'Show the endpoint of an address (IPv4 or IPv6)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -f -a "update" -d 'Add or replace an endpoint address'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -f -a "delete" -d 'Delete an endpoint address'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from endpoint" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lb" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lb" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lb" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lb" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lb" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lb" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lb" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lb" -f -a "list" -d 'List services with their backend slots'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lb" -f -a "update" -d 'Create or replace a service (IPv4, or IPv6 as [ADDR]:PORT with IPv6 backends); backend and reverse-NAT ids are allocated'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lb" -f -a "apply" -d 'Create or replace every service of a services file (JSON), checked whole first'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lb" -f -a "delete" -d 'Delete a service and the backends only it used'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from lb" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -f -a "list" -d 'List remote prefixes and their tunnel endpoints'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -f -a "update" -d 'Map a remote prefix (its base address, or a CIDR) to a tunnel endpoint'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -f -a "delete" -d 'Delete a remote prefix'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tunnel" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from policy" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from policy" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from policy" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from policy" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from policy" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from policy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from policy" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from policy" -f -a "get" -d 'Show an endpoint\'s policy map'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from policy" -f -a "add" -d 'Allow (or with --deny, deny) traffic for an endpoint'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from policy" -f -a "delete" -d 'Delete one policy entry'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from policy" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -f -a "list" -d 'List entries'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from metrics" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from nat" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from nat" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from nat" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from nat" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from nat" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from nat" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from nat" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from nat" -f -a "list" -d 'List entries, both directions (OUT: XLATE_SRC, IN: XLATE_DST), both families'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from nat" -f -a "flush" -d 'Delete every entry (established translated flows lose their mapping)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from nat" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from neigh" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from neigh" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from neigh" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from neigh" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from neigh" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from neigh" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from neigh" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from neigh" -f -a "list" -d 'List the MACs of both families\' caches'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from neigh" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tailcall" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tailcall" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tailcall" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tailcall" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tailcall" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tailcall" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tailcall" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tailcall" -f -a "list" -d 'Slots of the calls maps: program id, full name, tag; empty expected slots warn'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from tailcall" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "maps" -d 'List every cilium_* map pinned under tc/globals, with fill level and ABI check'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "ct" -d 'Connection tracking (cilium_ct4_global, cilium_ct_any4_global, and their IPv6 peers)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "ipcache" -d 'IP cache: prefix to identity and tunnel endpoint (cilium_ipcache, both families)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "lxc" -d 'Local endpoints (cilium_lxc)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "lb" -d 'Load balancer: services, backends, reverse NAT (cilium_lb4_*, cilium_lb6_*)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "tunnel" -d 'Tunnel endpoints of remote prefixes (cilium_tunnel_map)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "policy" -d 'Per-endpoint policy (cilium_policy_<EPID>)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "metrics" -d 'Datapath counters (cilium_metrics)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "nat" -d 'SNAT table (cilium_snat_v4_external, cilium_snat_v6_external)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "neigh" -d 'MACs of NodePort clients whose requests went on to remote backends (cilium_nodeport_neigh4, cilium_nodeport_neigh6)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "tailcall" -d 'Tail-call slots of endpoints and devices (cilium_calls_*, cilium_call_policy)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand bpf; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand explain" -l proto -d 'tcp, udp or icmp (default: icmp without a port; a port needs one)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand explain" -l sport -d 'The flow\'s source port (ICMP: the echo id): its conntrack entries decide; without it the answer is for a new flow' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand explain" -l ingress -d 'Start where the packet enters the node instead: a native device (from-netdev: NodePort, then local endpoints and the host) or cilium_vxlan (from another node; needs --src-identity for IPv4); for IPv6 also an endpoint\'s device' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand explain" -l src-identity -d 'The sender\'s identity, as the tunnel\'s VNI carries it (with --ingress cilium_vxlan)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand explain" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand explain" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand explain" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand explain" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand explain" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand explain" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l nodes -d 'The nodes, comma-separated: ssh targets, lab members, or what a template\'s {node} takes' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l nodes-file -d 'A file of nodes, one a line (`#` starts a comment); `NAME ADDRESS` names a node reached at ADDRESS (the address `fleet explain` meets as a next node)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l via -d 'ssh, lab (the built-in lab\'s nodes; every node when none is named), or a command template with {node}, e.g. \'kubectl -n kube-system exec {node} -c ciliumrs --\'' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l lab -d 'The lab of `--via lab`' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l parallel -d 'Nodes asked at once' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l timeout -d 'Seconds a node has to answer' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l remote-bin -d 'ciliumrs on the nodes (ssh and templates)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l ssh-config -d 'An ssh client configuration file (`ssh -F`)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -l allow-writes -d 'Let a command that writes run on every node'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand fleet" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -s t -l type -d 'Only these event types (repeat the flag for several); default: all but debug' -r -f -a "drop\t''
debug\t''
capture\t''
trace\t''
policy-verdict\t''
trace-sock\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l from -d 'Only events sent by this endpoint' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l to -d 'Only events addressed to this endpoint' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l related-to -d 'Only events from or to this endpoint' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l ip -d 'Only packets with a source or destination in CIDR (IPv4 or IPv6)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l port -d 'Only packets with this source or destination port' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l reason -d 'Only drops whose reason contains TEXT (any case), or has this code' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l pages -d 'Data pages per CPU ring (a power of two)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l wakeup-events -d 'Samples per wakeup: higher costs the datapath less; a 50 ms poll shows lone events' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l max-events -d 'Stop after this many shown events' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l pcap -d 'Also write every packet-carrying event (drop, trace, policy verdict, capture) to a pcapng FILE for Wireshark/tcpdump, with its verdict and reason as the packet comment; `-` writes the capture to standard output instead of the lines' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l node-name -d 'The node_name of `-o hubble` flows (default: this host\'s name)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -s v -l verbose -d 'Debug messages too'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -s n -l numeric -d 'Identities as numbers (reserved ones are names otherwise, as cilium monitor prints)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l hex -d 'The raw message bytes after each event'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l force -d 'Read even though a Cilium agent serves this node\'s events (it would stop seeing them)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -l signals -d 'Signals from cilium_signals (NAT and CT tables filling up) instead of events'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand monitor" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -f -a "up" -d 'Build nodes (each with its own bpffs and cgroup, joined by an underlay) and pods, bring every node up with `ciliumrs init` and attach every pod'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -f -a "exec" -d 'Run a command in a node or pod (ciliumrs there uses that node\'s bpffs)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -f -a "status" -d 'The nodes and pods of the lab'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -f -a "explain" -d '`explain` a flow from a pod, followed from its node to the node it leaves for'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -f -a "service" -d 'Services of the lab, written on every node as each node\'s agent would'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -f -a "down" -d 'Remove every namespace, mount, cgroup and pin of the lab'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and not __fish_seen_subcommand_from up exec status explain service down help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from up" -l name -d 'Name of the lab (prefix of its namespaces)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from up" -l nodes -d 'Number of nodes' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from up" -l pods-per-node -d 'Pods on each node' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from up" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from up" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from up" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from up" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from up" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from up" -l socket-lb-pods -d 'Put every pod in a cgroup under its node\'s cgroup root, so the socket load balancer translates pod connections at connect() (default: pods sit outside it and meet the per-packet load balancer)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from exec" -l name -d 'Name of the lab (prefix of its namespaces)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from exec" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from exec" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from exec" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from exec" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from exec" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from exec" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from status" -l name -d 'Name of the lab (prefix of its namespaces)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from status" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from status" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from status" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from status" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from explain" -l name -d 'Name of the lab (prefix of its namespaces)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from explain" -l proto -d 'tcp, udp or icmp (default: icmp without a port)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from explain" -l sport -d 'The flow\'s source port: its conntrack entries decide' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from explain" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from explain" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from explain" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from explain" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from explain" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from explain" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from service" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from service" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from service" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from service" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from service" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from service" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from service" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from service" -f -a "add" -d 'Create a service, or replace its frontend and backends'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from service" -f -a "list" -d 'The lab\'s services'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from service" -f -a "delete" -d 'Delete a service from every node'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from service" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from down" -l name -d 'Name of the lab (prefix of its namespaces)' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from down" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from down" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from down" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from down" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from down" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "up" -d 'Build nodes (each with its own bpffs and cgroup, joined by an underlay) and pods, bring every node up with `ciliumrs init` and attach every pod'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a command in a node or pod (ciliumrs there uses that node\'s bpffs)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "status" -d 'The nodes and pods of the lab'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "explain" -d '`explain` a flow from a pod, followed from its node to the node it leaves for'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "service" -d 'Services of the lab, written on every node as each node\'s agent would'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "down" -d 'Remove every namespace, mount, cgroup and pin of the lab'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and not __fish_seen_subcommand_from list help" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and not __fish_seen_subcommand_from list help" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and not __fish_seen_subcommand_from list help" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and not __fish_seen_subcommand_from list help" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and not __fish_seen_subcommand_from list help" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and not __fish_seen_subcommand_from list help" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'ID (reverse-NAT id), frontend, type and backends with their state, by ID'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and __fish_seen_subcommand_from list" -l family -d 'Only IPv4 (4) or IPv6 (6) services (default: both, the IPv6 maps where pinned)' -r -f -a "4\t''
6\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and __fish_seen_subcommand_from list" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and __fish_seen_subcommand_from list" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and __fish_seen_subcommand_from list" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and __fish_seen_subcommand_from list" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "list" -d 'ID (reverse-NAT id), frontend, type and backends with their state, by ID'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand completions" -l bpffs -d 'bpffs mount under which maps are pinned (maps live in <DIR>/tc/globals)' -r -F
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand completions" -s o -l output -d 'Output format: tables and lines for people, JSON for scripts' -r -f -a "table\t'Tables and text lines for people'
json\t'JSON for scripts: a list is one array, a single object is an object'
hubble\t'`monitor` only: one Hubble flow (GetFlowsResponse) per line, as `hubble observe` reads'
prometheus\t'`bpf metrics list` and `bpf maps` only: Prometheus\'s text format'"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand completions" -l color -d 'When to color tables (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand completions" -l cilium-version -d 'The Cilium version whose map layouts to read (1.10 ... 1.17, or newest), where the node\'s maps do not settle it themselves; `bpf maps` shows what they say' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand completions" -l wait -d 'How long a command that writes waits for the node\'s write lock (another ciliumrs writing to the same bpffs) before it gives up' -r
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand completions" -s V -l version -d 'Print version'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "init" -d 'Bring a node up: global maps, cilium_host/cilium_net, cilium_vxlan, device programs'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "attach" -d 'Load our programs and attach them to a device or endpoint'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "detach" -d 'Remove exactly what `attach` made'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "status" -d 'Devices and the programs on their hooks, socket programs on the cgroup root, endpoints, maps with their fill level'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "reset" -d 'Remove everything ciliumrs made on this node: endpoints, filters, devices, pins'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "bpf" -d 'Inspect and change the datapath\'s BPF maps'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "explain" -d 'What the datapath does with a flow from a local endpoint, and why, from the live maps'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "fleet" -d 'Run one ciliumrs command on many nodes (ssh, the lab, or a template) and merge'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "monitor" -d 'Stream drop/trace/debug/policy-verdict events from cilium_events'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "lab" -d 'A lab of nodes and pods made of network namespaces on this machine'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "service" -d 'Services as Cilium\'s `service list` shows them, rebuilt from the BPF maps'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and not __fish_seen_subcommand_from init attach detach status reset bpf explain fleet monitor lab service completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from attach" -f -a "lxc" -d 'An endpoint (pod): from-container on its host-side veth, its tail calls, its policy program in cilium_call_policy[EPID], its cilium_lxc and cilium_ipcache entries'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from attach" -f -a "host" -d 'The host: to-host and from-host on cilium_host, to-host on cilium_net'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from attach" -f -a "netdev" -d 'A native device: from-netdev (ingress) and to-netdev (egress)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from detach" -f -a "lxc" -d 'An endpoint: its filter, tail calls, policy program, map entries and pins'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from detach" -f -a "netdev" -d 'A native device: our two filters and its calls map'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "maps" -d 'List every cilium_* map pinned under tc/globals, with fill level and ABI check'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "ct" -d 'Connection tracking (cilium_ct4_global, cilium_ct_any4_global, and their IPv6 peers)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "ipcache" -d 'IP cache: prefix to identity and tunnel endpoint (cilium_ipcache, both families)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "lxc" -d 'Local endpoints (cilium_lxc)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "lb" -d 'Load balancer: services, backends, reverse NAT (cilium_lb4_*, cilium_lb6_*)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "tunnel" -d 'Tunnel endpoints of remote prefixes (cilium_tunnel_map)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "policy" -d 'Per-endpoint policy (cilium_policy_<EPID>)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "metrics" -d 'Datapath counters (cilium_metrics)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "nat" -d 'SNAT table (cilium_snat_v4_external, cilium_snat_v6_external)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "neigh" -d 'MACs of NodePort clients whose requests went on to remote backends (cilium_nodeport_neigh4, cilium_nodeport_neigh6)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from bpf" -f -a "tailcall" -d 'Tail-call slots of endpoints and devices (cilium_calls_*, cilium_call_policy)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "up" -d 'Build nodes (each with its own bpffs and cgroup, joined by an underlay) and pods, bring every node up with `ciliumrs init` and attach every pod'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "exec" -d 'Run a command in a node or pod (ciliumrs there uses that node\'s bpffs)'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "status" -d 'The nodes and pods of the lab'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "explain" -d '`explain` a flow from a pod, followed from its node to the node it leaves for'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "service" -d 'Services of the lab, written on every node as each node\'s agent would'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "down" -d 'Remove every namespace, mount, cgroup and pin of the lab'
complete -c ciliumrs -n "__fish_ciliumrs_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "list" -d 'ID (reverse-NAT id), frontend, type and backends with their state, by ID'
