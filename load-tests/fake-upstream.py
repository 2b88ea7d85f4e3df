#!/usr/bin/env python3
"""WireMock mappings that make a WireMock standalone server act as Intel PCS for given DCAP collateral.

Usage: fake-upstream.py ROOT_DIR [--delay-ms N] COLLATERAL.json...

Each COLLATERAL.json has the fields of Intel's sgx_ql_qve_collateral_t (the *.dcap-qvl.json shape of
../shared/vectors/dcap). The TEE and FMSPC come from its TCB info, the PCK CA from its PCK CRL issuer chain.
PCS bodies are written as Intel sends them: {"tcbInfo":<exact signed text>,"signature":"<hex>"}, CRLs as DER,
issuer chains URL-encoded in their headers. Every answer waits --delay-ms (a slow upstream for the cold burst).
Anything not mapped (AMD KDS CRLs included) is WireMock's 404.
"""
import argparse
import base64
import json
import os
import urllib.parse


def encode_chain(pem):
    return urllib.parse.quote(pem, safe="-_.~")


def mapping(path, response, query=None):
    request = {"method": "GET", "urlPath": path}
    if query:
        request["queryParameters"] = {name: {"equalTo": value} for name, value in query.items()}
    return {"request": request, "response": response}


def collateral_mappings(collateral, delay):
    tcb_info = json.loads(collateral["tcb_info"])
    tee = tcb_info["id"].lower()
    fmspc = tcb_info["fmspc"].upper()
    first_der = base64.b64decode("".join(
        collateral["pck_crl_issuer_chain"].split("-----")[2].split()))
    ca = "platform" if b"Platform CA" in first_der else "processor"
    signed = lambda member, text, signature: '{"' + member + '":' + text + ',"signature":"' + signature + '"}'
    common = {"status": 200, "fixedDelayMilliseconds": delay}
    return [
        mapping(f"/{tee}/certification/v4/tcb", dict(common,
                body=signed("tcbInfo", collateral["tcb_info"], collateral["tcb_info_signature"]),
                headers={"Content-Type": "application/json",
                         "TCB-Info-Issuer-Chain": encode_chain(collateral["tcb_info_issuer_chain"])}),
                {"fmspc": fmspc}),
        mapping(f"/{tee}/certification/v4/qe/identity", dict(common,
                body=signed("enclaveIdentity", collateral["qe_identity"], collateral["qe_identity_signature"]),
                headers={"Content-Type": "application/json",
                         "SGX-Enclave-Identity-Issuer-Chain": encode_chain(collateral["qe_identity_issuer_chain"])})),
        mapping("/sgx/certification/v4/pckcrl", dict(common,
                base64Body=base64.b64encode(bytes.fromhex(collateral["pck_crl"])).decode(),
                headers={"Content-Type": "application/pkix-crl",
                         "SGX-PCK-CRL-Issuer-Chain": encode_chain(collateral["pck_crl_issuer_chain"])}),
                {"ca": ca}),
        mapping("/sgx/certification/v4/rootcacrl", dict(common,
                base64Body=base64.b64encode(bytes.fromhex(collateral["root_ca_crl"])).decode())),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root")
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("collateral", nargs="+")
    args = parser.parse_args()
    mappings_dir = os.path.join(args.root, "mappings")
    os.makedirs(mappings_dir, exist_ok=True)
    mappings = []
    for path in args.collateral:
        with open(path) as f:
            mappings += collateral_mappings(json.load(f), args.delay_ms)
    with open(os.path.join(mappings_dir, "pcs.json"), "w") as f:
        json.dump({"mappings": mappings}, f, indent=1)


if __name__ == "__main__":
    main()
