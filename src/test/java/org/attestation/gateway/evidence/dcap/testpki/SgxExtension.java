package org.attestation.gateway.evidence.dcap.testpki;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The Intel SGX extension of a PCK certificate, OID {@code 1.2.840.113741.1.13.1}, non-critical (spec §2.7):
 * {@code SEQUENCE OF SEQUENCE {OID, value}} with PPID (.1), TCB (.2: .2.1–.2.16 component SVNs, .2.17 PCESVN,
 * .2.18 CPUSVN), PCE-ID (.3), FMSPC (.4), SGX Type (.5) and, for Platform-CA certificates, Platform Instance
 * ID (.6) and Configuration (.7: dynamicPlatform, cachedKeys, SMTEnabled).
 */
record SgxExtension(byte[] ppid, int[] componentSvns, int pcesvn, byte[] cpuSvn, byte[] pceId, byte[] fmspc,
        int sgxType, CaType caType, byte[] platformInstanceId, boolean dynamicPlatform, boolean cachedKeys,
        boolean smtEnabled) {

    static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.2.840.113741.1.13.1");
    static final int PPID_SIZE = 16;
    static final int PCE_ID_SIZE = 2;
    static final int FMSPC_SIZE = 6;
    static final int PLATFORM_INSTANCE_ID_SIZE = 16;
    private static final int PCESVN_ARC = 17;
    private static final int CPUSVN_ARC = 18;

    Extension toExtension() {
        ASN1EncodableVector entries = new ASN1EncodableVector();
        entries.add(entry(OID.branch("1"), new DEROctetString(ppid)));
        entries.add(entry(OID.branch("2"), tcb()));
        entries.add(entry(OID.branch("3"), new DEROctetString(pceId)));
        entries.add(entry(OID.branch("4"), new DEROctetString(fmspc)));
        entries.add(entry(OID.branch("5"), new ASN1Enumerated(sgxType)));
        if (caType == CaType.PLATFORM) {
            entries.add(entry(OID.branch("6"), new DEROctetString(platformInstanceId)));
            ASN1ObjectIdentifier configuration = OID.branch("7");
            entries.add(entry(configuration, new DERSequence(new ASN1Encodable[] {
                entry(configuration.branch("1"), ASN1Boolean.getInstance(dynamicPlatform)),
                entry(configuration.branch("2"), ASN1Boolean.getInstance(cachedKeys)),
                entry(configuration.branch("3"), ASN1Boolean.getInstance(smtEnabled))})));
        }
        try {
            return new Extension(OID, false, new DERSequence(entries).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DERSequence tcb() {
        ASN1ObjectIdentifier tcb = OID.branch("2");
        ASN1EncodableVector components = new ASN1EncodableVector();
        for (int i = 0; i < componentSvns.length; i++) {
            components.add(entry(tcb.branch(Integer.toString(i + 1)), new ASN1Integer(componentSvns[i])));
        }
        components.add(entry(tcb.branch(Integer.toString(PCESVN_ARC)), new ASN1Integer(pcesvn)));
        components.add(entry(tcb.branch(Integer.toString(CPUSVN_ARC)), new DEROctetString(cpuSvn)));
        return new DERSequence(components);
    }

    private static DERSequence entry(ASN1ObjectIdentifier oid, ASN1Encodable value) {
        return new DERSequence(new ASN1Encodable[] {oid, value});
    }
}
