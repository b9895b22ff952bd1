# Sample commands: insert, replace and delete at a position
# Rules in INPUT of the router ns2 are numbered from 1.  "-I INPUT 2"
# inserts before rule 2, "-R INPUT 2" replaces rule 2, "-D INPUT 3"
# deletes rule 3.  After the four commands, rule 2 drops ns1 (10.1.0.10),
# so its ping to ns2 gets no reply.
#
# The tutorial's "Replace rule in position 2" line uses -I; -R is the
# command that replaces.

# (regenerate.sh puts the commands of tutorial-topology.sh here)
sudo ip netns exec ns2 iptables -A INPUT -s 10.1.0.3 -j DROP
sudo ip netns exec ns2 iptables -A INPUT -s 10.1.0.4 -j DROP
# Insert a rule in position 2
sudo ip netns exec ns2 iptables -I INPUT 2 -s 10.1.0.5 -j DROP
# Replace the rule in position 2
sudo ip netns exec ns2 iptables -R INPUT 2 -s 10.1.0.10 -j DROP
# Delete the rule in position 3
sudo ip netns exec ns2 iptables -D INPUT 3
sudo ip netns exec ns2 iptables -L INPUT -n --line-numbers
