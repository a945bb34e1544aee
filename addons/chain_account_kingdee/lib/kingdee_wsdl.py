"""The WSDLs of the local Kingdee EAS (``kingdee_simulator``): EASLogin and WSWSVoucher.

Shaped like the WSDLs EAS's Axis 1.4 publishes at ``/ormrpc/services/<Service>?wsdl`` (service,
port, binding and message names, rpc style, ``urn:client`` types), described rpc/literal.
Placeholders: ``{address}``, the namespaces, and ``{bean_elements}`` (the ``WSWSVoucher`` fields).
"""

LOGIN_WSDL = """<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions targetNamespace="{login_ns}" xmlns:apachesoap="http://xml.apache.org/xml-soap"
  xmlns:impl="{login_ns}" xmlns:tns1="{client_ns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
  xmlns:wsdlsoap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
 <wsdl:types>
  <schema targetNamespace="{client_ns}" xmlns="http://www.w3.org/2001/XMLSchema">
   <complexType name="WSContext">
    <sequence>
     <element name="dbType" type="xsd:int"/>
     <element name="dcName" nillable="true" type="xsd:string"/>
     <element name="password" nillable="true" type="xsd:string"/>
     <element name="sessionId" nillable="true" type="xsd:string"/>
     <element name="slnName" nillable="true" type="xsd:string"/>
     <element name="userName" nillable="true" type="xsd:string"/>
    </sequence>
   </complexType>
  </schema>
 </wsdl:types>
 <wsdl:message name="loginRequest">
  <wsdl:part name="userName" type="xsd:string"/><wsdl:part name="password" type="xsd:string"/>
  <wsdl:part name="slnName" type="xsd:string"/><wsdl:part name="dcName" type="xsd:string"/>
  <wsdl:part name="language" type="xsd:string"/><wsdl:part name="dbType" type="xsd:int"/>
  <wsdl:part name="authPattern" type="xsd:string"/>
 </wsdl:message>
 <wsdl:message name="loginResponse"><wsdl:part name="loginReturn" type="tns1:WSContext"/></wsdl:message>
 <wsdl:message name="logoutRequest">
  <wsdl:part name="userName" type="xsd:string"/><wsdl:part name="slnName" type="xsd:string"/>
  <wsdl:part name="dcName" type="xsd:string"/><wsdl:part name="language" type="xsd:string"/>
 </wsdl:message>
 <wsdl:message name="logoutResponse"><wsdl:part name="logoutReturn" type="xsd:boolean"/></wsdl:message>
 <wsdl:portType name="EASLoginProxy">
  <wsdl:operation name="login"><wsdl:input message="impl:loginRequest" name="loginRequest"/>
   <wsdl:output message="impl:loginResponse" name="loginResponse"/></wsdl:operation>
  <wsdl:operation name="logout"><wsdl:input message="impl:logoutRequest" name="logoutRequest"/>
   <wsdl:output message="impl:logoutResponse" name="logoutResponse"/></wsdl:operation>
 </wsdl:portType>
 <wsdl:binding name="EASLoginSoapBinding" type="impl:EASLoginProxy">
  <wsdlsoap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
  <wsdl:operation name="login"><wsdlsoap:operation soapAction=""/>
   <wsdl:input name="loginRequest"><wsdlsoap:body namespace="{login_ns}" use="literal"/></wsdl:input>
   <wsdl:output name="loginResponse"><wsdlsoap:body namespace="{login_ns}" use="literal"/></wsdl:output>
  </wsdl:operation>
  <wsdl:operation name="logout"><wsdlsoap:operation soapAction=""/>
   <wsdl:input name="logoutRequest"><wsdlsoap:body namespace="{login_ns}" use="literal"/></wsdl:input>
   <wsdl:output name="logoutResponse"><wsdlsoap:body namespace="{login_ns}" use="literal"/></wsdl:output>
  </wsdl:operation>
 </wsdl:binding>
 <wsdl:service name="EASLoginProxyService">
  <wsdl:port binding="impl:EASLoginSoapBinding" name="EASLogin"><wsdlsoap:address location="{address}"/></wsdl:port>
 </wsdl:service>
</wsdl:definitions>
"""

VOUCHER_WSDL = """<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions targetNamespace="{voucher_ns}" xmlns:impl="{voucher_ns}" xmlns:tns2="{bean_ns}"
  xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:wsdlsoap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema">
 <wsdl:types>
  <schema targetNamespace="{bean_ns}" xmlns="http://www.w3.org/2001/XMLSchema">
   <complexType name="WSWSVoucher">
    <sequence>
{bean_elements}
    </sequence>
   </complexType>
   <complexType name="ArrayOfWSWSVoucher">
    <sequence><element name="item" type="tns2:WSWSVoucher" minOccurs="0" maxOccurs="unbounded"/></sequence>
   </complexType>
   <complexType name="ArrayOf_xsd_string">
    <sequence><element name="item" type="xsd:string" nillable="true" minOccurs="0" maxOccurs="unbounded"/></sequence>
   </complexType>
   <complexType name="ArrayOfArrayOf_xsd_string">
    <sequence><element name="item" type="tns2:ArrayOf_xsd_string" minOccurs="0" maxOccurs="unbounded"/></sequence>
   </complexType>
  </schema>
 </wsdl:types>
 <wsdl:message name="importVoucherRequest">
  <wsdl:part name="voucherCols" type="tns2:ArrayOfWSWSVoucher"/>
  <wsdl:part name="isVerify" type="xsd:int"/><wsdl:part name="isImpCashflow" type="xsd:int"/>
 </wsdl:message>
 <wsdl:message name="importVoucherResponse">
  <wsdl:part name="importVoucherReturn" type="tns2:ArrayOfArrayOf_xsd_string"/>
 </wsdl:message>
 <wsdl:portType name="WSWSVoucherSrvProxy">
  <wsdl:operation name="importVoucher">
   <wsdl:input message="impl:importVoucherRequest" name="importVoucherRequest"/>
   <wsdl:output message="impl:importVoucherResponse" name="importVoucherResponse"/>
  </wsdl:operation>
 </wsdl:portType>
 <wsdl:binding name="WSWSVoucherSoapBinding" type="impl:WSWSVoucherSrvProxy">
  <wsdlsoap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
  <wsdl:operation name="importVoucher"><wsdlsoap:operation soapAction=""/>
   <wsdl:input name="importVoucherRequest"><wsdlsoap:body namespace="{voucher_ns}" use="literal"/></wsdl:input>
   <wsdl:output name="importVoucherResponse"><wsdlsoap:body namespace="{voucher_ns}" use="literal"/></wsdl:output>
  </wsdl:operation>
 </wsdl:binding>
 <wsdl:service name="WSWSVoucherSrvProxyService">
  <wsdl:port binding="impl:WSWSVoucherSoapBinding" name="WSWSVoucher">
   <wsdlsoap:address location="{address}"/></wsdl:port>
 </wsdl:service>
</wsdl:definitions>
"""
