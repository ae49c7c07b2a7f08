package dev.yubin.devstack.cli;

public final class YubinCli {
    public static void main(String[] args) {
    }
}
